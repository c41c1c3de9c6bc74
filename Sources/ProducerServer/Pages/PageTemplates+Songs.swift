extension PageTemplates {
    /// The song page: versions, the player with its waveform, the comment threads and the forms.
    static let songs: [String: String] = [
        "song": """
        <h1>{{#song}}{{title}}{{/song}}</h1>
        {{#chosen}}
        <section class="card player">
          <h2>{{kind}} {{number}} <span class="muted">{{length}}</span></h2>
          <audio id="player" controls preload="metadata" src="{{audio}}">
            <a href="{{audio}}">Download {{kind}} {{number}}</a>
          </audio>
          {{{waveform}}}
          {{^hasGrid}}<p class="muted">No beat grid yet: places are shown in time only.</p>{{/hasGrid}}
        </section>
        {{/chosen}}
        <h2>Comments</h2>
        {{#threadsShown}}<p class="muted">{{threadsShown}}</p>{{/threadsShown}}
        {{^hasComments}}<p class="muted">No comments yet.</p>{{/hasComments}}
        <ol class="comments">
        {{{comments}}}
        </ol>
        {{#repliesCut}}<p class="muted">Only the first {{repliesCut}} replies on this page are shown.</p>{{/repliesCut}}
        {{#carriedCut}}<p class="muted">Only the oldest {{carriedCut}} open threads of earlier versions are carried over; \
        resolve some on their version to see the rest.</p>{{/carriedCut}}
        {{#earlierThreads}}<a href="{{earlierThreads}}" rel="prev">Earlier threads</a>{{/earlierThreads}}
        {{#laterThreads}}<a href="{{laterThreads}}" rel="next">Later threads</a>{{/laterThreads}}
        {{#mayComment}}{{#chosen}}
        <form method="post" action="{{commentAction}}" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <input type="hidden" name="version" value="{{id}}">
          <label for="start">From (1:23, 1:23.500, 83.5 or bar:beat 12:3; empty for the whole {{kind}})</label>
          <input id="start" name="start" size="10">
          <label for="end">To (optional)</label>
          <input id="end" name="end" size="10">
          <label for="body">Comment</label>
          <textarea id="body" name="body" maxlength="5000" required></textarea>
          <button type="submit">Comment on {{kind}} {{number}}</button>
        </form>
        {{/chosen}}{{/mayComment}}
        <h2>Versions</h2>
        {{^hasVersions}}<p class="muted">Nothing uploaded yet.</p>{{/hasVersions}}
        {{#hasVersions}}
        <table class="versions">
          <tr><th>Version</th><th>By</th><th>When</th><th class="number">Size</th><th class="number">Length</th>
            <th class="number">LUFS</th><th class="number">dBTP</th><th class="number">Tempo</th><th>Stage</th><th></th></tr>
          {{#versions}}
          <tr{{#chosen}} class="chosen"{{/chosen}}>
            <td><a href="{{link}}">{{kind}} {{number}}</a><br><span class="muted">{{fileName}}</span></td>
            <td>{{who}}</td><td>{{when}}</td><td class="number">{{size}}</td><td class="number">{{length}}</td>
            <td class="number">{{lufs}}</td><td class="number">{{dbtp}}</td><td class="number">{{tempo}}</td>
            <td>{{stage}}{{#approved}}<br><span class="good">approved by {{approvals}}</span>{{/approved}}
              {{^lufs}}<br><span class="muted">analysis {{analysisState}}</span>{{/lufs}}
              {{#analysisError}}<br><span class="bad">{{analysisError}}</span>{{/analysisError}}</td>
            <td>
              {{#mayApprove}}<form method="post" action="{{approveAction}}" class="inline">
                <input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Approve</button></form>{{/mayApprove}}
              {{#mayMaster}}<form method="post" action="{{masteringAction}}" class="inline">
                <input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Send to mastering</button></form>{{/mayMaster}}
              {{#mayDeliver}}<form method="post" action="{{deliveryAction}}" class="inline">
                <input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">Deliver</button></form>{{/mayDeliver}}
            </td>
          </tr>
          <tr><td colspan="10" class="muted">SHA-256 <code>{{checksum}}</code></td></tr>
          {{/versions}}
        </table>
        {{/hasVersions}}
        {{#mayUpload}}
        <form method="post" action="{{uploadAction}}" enctype="multipart/form-data" class="card">
          <label for="kind">Kind</label>
          <select id="kind" name="kind"><option>take</option><option selected>mix</option><option>master</option></select>
          <label for="file">File (WAV or AIFF)</label>
          <input id="file" type="file" name="file" accept=".wav,.aif,.aiff,audio/wav,audio/aiff" required>
          <button type="submit">Upload</button>
        </form>
        {{/mayUpload}}
        <script>
        (function () {
          var audio = document.getElementById("player"), wave = document.getElementById("waveform");
          var cursor = document.getElementById("cursor");
          if (!audio || !wave) return;
          var columns = +wave.dataset.columns, length = +wave.dataset.seconds;
          audio.addEventListener("timeupdate", function () {
            var x = length > 0 ? audio.currentTime / length * columns : 0;
            cursor.setAttribute("x1", x); cursor.setAttribute("x2", x);
          });
          wave.addEventListener("click", function (event) {
            var box = wave.getBoundingClientRect();
            audio.currentTime = (event.clientX - box.left) / box.width * length; audio.play();
          });
          document.querySelectorAll("[data-seek]").forEach(function (link) {
            link.addEventListener("click", function (event) {
              event.preventDefault(); audio.currentTime = +link.dataset.seek; audio.play();
            });
          });
        })();
        </script>
        """
    ]
}
