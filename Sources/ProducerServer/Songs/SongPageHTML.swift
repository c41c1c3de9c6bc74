import ProducerFiles

/// The song page written straight to HTML from what ``SongDesk/songPageData(song:snapshot:chosen:page:access:context:)``
/// gathers: the page every collaborator keeps open, so it is not left to the template engine,
/// whose lookups by name and casts were the largest part of serving it. Same markup as the
/// templates of the other pages.
enum SongPageHTML {
    /// The page's body (the layout goes around it).
    static func body(_ data: [String: Any]) -> String {
        var out = ""
        out.reserveCapacity(64 * 1024)
        let csrf = text(data["csrf"])
        let csrfField = "<input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(csrf))\">"
        let song = data["song"] as? [String: Any] ?? [:]
        let chosen = data["chosen"] as? [String: Any]
        out += "<h1>\(escaped(song["title"]))</h1>\n"
        if let chosen {
            let name = "\(escaped(chosen["kind"])) \(escaped(chosen["number"]))"
            let audio = escaped(chosen["audio"])
            out += "<section class=\"card player\">\n"
            out += "  <h2>\(name) <span class=\"muted\">\(escaped(chosen["length"]))</span></h2>\n"
            out += "  <audio id=\"player\" controls preload=\"metadata\" src=\"\(audio)\">\n"
            out += "    <a href=\"\(audio)\">Download \(name)</a>\n  </audio>\n"
            out += "  " + text(chosen["waveform"]) + "\n"
            if !isTrue(chosen["hasGrid"]) {
                out += "  <p class=\"muted\">No beat grid yet: places are shown in time only.</p>\n"
            }
            out += "</section>\n"
        }
        out += "<h2>Comments</h2>\n"
        if let shown = data["threadsShown"] { out += "<p class=\"muted\">\(escaped(shown))</p>\n" }
        if !isTrue(data["hasComments"]) { out += "<p class=\"muted\">No comments yet.</p>\n" }
        out += "<ol class=\"comments\">\n" + text(data["comments"]) + "\n</ol>\n"
        if let cut = data["repliesCut"] {
            out += "<p class=\"muted\">Only the first \(escaped(cut)) replies on this page are shown.</p>\n"
        }
        if let cut = data["carriedCut"] {
            out +=
                "<p class=\"muted\">Only the oldest \(escaped(cut)) open threads of earlier versions are carried over; "
            out += "resolve some on their version to see the rest.</p>\n"
        }
        if let link = data["earlierThreads"] {
            out += "<a href=\"\(escaped(link))\" rel=\"prev\">Earlier threads</a>\n"
        }
        if let link = data["laterThreads"] { out += "<a href=\"\(escaped(link))\" rel=\"next\">Later threads</a>\n" }
        if isTrue(data["mayComment"]), let chosen {
            let name = "\(escaped(chosen["kind"])) \(escaped(chosen["number"]))"
            out += """
                <form method="post" action="\(escaped(data["commentAction"]))" class="card">
                  \(csrfField)
                  <input type="hidden" name="version" value="\(escaped(chosen["id"]))">
                  <label for="start">From (1:23, 1:23.500, 83.5 or bar:beat 12:3; empty for the whole \(escaped(chosen["kind"])))</label>
                  <input id="start" name="start" size="10">
                  <label for="end">To (optional)</label>
                  <input id="end" name="end" size="10">
                  <label for="body">Comment</label>
                  <textarea id="body" name="body" maxlength="5000" required></textarea>
                  <button type="submit">Comment on \(name)</button>
                </form>

                """
        }
        out += "<h2>Versions</h2>\n"
        let versions = data["versions"] as? [[String: Any]] ?? []
        if versions.isEmpty {
            out += "<p class=\"muted\">Nothing uploaded yet.</p>\n"
        } else {
            out += """
                <table class="versions">
                  <tr><th>Version</th><th>By</th><th>When</th><th class="number">Size</th><th class="number">Length</th>
                    <th class="number">LUFS</th><th class="number">dBTP</th><th class="number">Tempo</th><th>Stage</th><th></th></tr>

                """
            for row in versions { version(row, csrfField: csrfField, into: &out) }
            out += "</table>\n"
        }
        if isTrue(data["mayUpload"]) {
            out += """
                <form method="post" action="\(escaped(data["uploadAction"]))" enctype="multipart/form-data" class="card">
                  <label for="kind">Kind</label>
                  <select id="kind" name="kind"><option>take</option><option selected>mix</option><option>master</option></select>
                  <label for="file">File (WAV or AIFF)</label>
                  <input id="file" type="file" name="file" accept=".wav,.aif,.aiff,audio/wav,audio/aiff" required>
                  <button type="submit">Upload</button>
                </form>

                """
        }
        out += player
        return out
    }

    /// One row of the versions table, and the row of its checksum.
    private static func version(_ row: [String: Any], csrfField: String, into out: inout String) {
        out += isTrue(row["chosen"]) ? "  <tr class=\"chosen\">\n" : "  <tr>\n"
        out += "    <td><a href=\"\(escaped(row["link"]))\">\(escaped(row["kind"])) \(escaped(row["number"]))</a>"
        out += "<br><span class=\"muted\">\(escaped(row["fileName"]))</span></td>\n"
        out += "    <td>\(escaped(row["who"]))</td><td>\(escaped(row["when"]))</td>"
        out += "<td class=\"number\">\(escaped(row["size"]))</td><td class=\"number\">\(escaped(row["length"]))</td>\n"
        out += "    <td class=\"number\">\(escaped(row["lufs"]))</td><td class=\"number\">\(escaped(row["dbtp"]))</td>"
        out += "<td class=\"number\">\(escaped(row["tempo"]))</td>\n"
        out += "    <td>\(escaped(row["stage"]))"
        if isTrue(row["approved"]) {
            out += "<br><span class=\"good\">approved by \(escaped(row["approvals"]))</span>"
        }
        if row["lufs"] == nil {
            out += "\n      <br><span class=\"muted\">analysis \(escaped(row["analysisState"]))</span>"
        }
        if let error = row["analysisError"] { out += "\n      <br><span class=\"bad\">\(escaped(error))</span>" }
        out += "</td>\n    <td>\n"
        for (flag, action, label) in [
            ("mayApprove", "approveAction", "Approve"), ("mayMaster", "masteringAction", "Send to mastering"),
            ("mayDeliver", "deliveryAction", "Deliver"),
        ] where isTrue(row[flag]) {
            out += "      <form method=\"post\" action=\"\(escaped(row[action]))\" class=\"inline\">\n"
            out += "        \(csrfField)<button type=\"submit\">\(label)</button></form>\n"
        }
        out += "    </td>\n  </tr>\n"
        out += "  <tr><td colspan=\"10\" class=\"muted\">SHA-256 <code>\(escaped(row["checksum"]))</code></td></tr>\n"
    }

    /// The player's script: the cursor follows the audio, a click on the waveform or on a
    /// comment's place plays from there. The page works without it.
    private static let player = """
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

    /// A value as the templates show it: text as it is, numbers written out, nothing for none.
    static func text(_ value: Any?) -> String {
        switch value {
        case nil: ""
        case let text as String: text
        case let number as Int: String(number)
        case let value?: "\(value)"
        }
    }

    static func escaped(_ value: Any?) -> String { HTML.escape(text(value)) }

    /// Whether a section shows, as in the templates: `false` and nothing hide it, anything else shows it.
    static func isTrue(_ value: Any?) -> Bool {
        switch value {
        case nil: false
        case let flag as Bool: flag
        case let list as [Any]: !list.isEmpty
        default: true
        }
    }
}
