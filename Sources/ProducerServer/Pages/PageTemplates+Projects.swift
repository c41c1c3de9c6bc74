extension PageTemplates {
    /// The projects pages: your projects, a project's overview, its members and an invitation.
    static let projects: [String: String] = [
        "projects": """
        <h1>Your projects</h1>
        {{#none}}<p class="muted">You are not on a project yet. Start one, or open the invitation link someone sent you.</p>{{/none}}
        {{^none}}
        <table>
          <tr><th>Project</th><th>Your role</th></tr>
          {{#projects}}<tr><td><a href="/projects/{{id}}">{{name}}</a></td><td>{{role}}</td></tr>{{/projects}}
        </table>
        {{/none}}
        <form method="post" action="/projects" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <h2>New project</h2>
          <label for="name">Name</label>
          <input id="name" name="name" required maxlength="100">
          <label for="currency">Currency</label>
          <input id="currency" name="currency" value="EUR" maxlength="3" size="4">
          <label for="timeZone">Time zone</label>
          <input id="timeZone" name="timeZone" value="UTC">
          <p><button type="submit">Start the project</button></p>
        </form>
        """,
        "project": """
        <h1>{{name}}</h1>
        <p class="muted">You are {{role}} on this project.</p>
        <nav class="card">
          <a href="/projects/{{id}}/schedule">Schedule</a> ·
          <a href="/projects/{{id}}/polls">Polls</a> ·
          {{#seeMoney}}<a href="/projects/{{id}}/budget">Budget</a> · {{/seeMoney}}
          <a href="/projects/{{id}}/deliverables">Deliverables</a> ·
          <a href="/projects/{{id}}/status">Status</a> ·
          <a href="/projects/{{id}}/activity">Activity</a> ·
          <a href="/projects/{{id}}/members">Members</a>
        </nav>
        <h2>Songs</h2>
        {{#noSongs}}<p class="muted">No songs yet.</p>{{/noSongs}}
        {{^noSongs}}
        <table>
          <tr><th>Song</th><th>Stage</th></tr>
          {{#songs}}<tr><td><a href="/projects/{{id}}/songs/{{songID}}">{{title}}</a></td><td>{{status}}</td></tr>{{/songs}}
        </table>
        {{/noSongs}}
        <h2>Members</h2>
        <ul>{{#members}}<li>{{name}} <span class="muted">({{role}})</span></li>{{/members}}</ul>
        {{#invite}}<p><a href="/projects/{{id}}/members">Invite someone</a></p>{{/invite}}
        <h2>Lately</h2>
        <ul>
        {{#activity}}<li><span class="muted">{{at}}</span> {{who}} {{verb}} {{#link}}<a href="{{link}}">{{subject}}</a>{{/link}}{{^link}}{{subject}}{{/link}}</li>{{/activity}}
        </ul>
        """,
        "members": """
        <h1>Members of {{name}}</h1>
        <table>
          <tr><th>Name</th><th>Email</th><th>Role</th><th>Person</th>{{#invite}}<th></th>{{/invite}}</tr>
          {{#members}}
          <tr>
            <td>{{name}}</td><td>{{email}}</td>
            <td>{{^invite}}{{role}}{{/invite}}{{#invite}}
              <form method="post" action="/projects/{{id}}/members/{{accountID}}" class="inline">
                <input type="hidden" name="_csrf" value="{{csrf}}">
                <select name="role" aria-label="Role of {{name}}">{{#roles}}<option{{#selected}} selected{{/selected}}>{{role}}</option>{{/roles}}</select>
                <button type="submit">Change</button>
              </form>{{/invite}}</td>
            <td>{{person}}</td>
            {{#invite}}<td>
              <form method="post" action="/projects/{{id}}/members/{{accountID}}" class="inline">
                <input type="hidden" name="_csrf" value="{{csrf}}">
                <input type="hidden" name="action" value="remove">
                <button type="submit" class="link">Remove</button>
              </form>
            </td>{{/invite}}
          </tr>
          {{/members}}
        </table>
        {{#invite}}
        <form method="post" action="/projects/{{id}}/invitations" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <h2>Invite someone</h2>
          <label for="email">Email</label>
          <input id="email" name="email" type="email" required>
          <label for="role">Role</label>
          <select id="role" name="role">{{#roles}}<option>{{.}}</option>{{/roles}}</select>
          <label for="person">They are (optional)</label>
          <select id="person" name="person"><option value="">nobody in the plan</option>{{#people}}<option value="{{id}}">{{name}}</option>{{/people}}</select>
          <p><button type="submit">Invite</button></p>
        </form>
        <h2>Open invitations</h2>
        <p class="muted">No mail is sent: send each person their link.</p>
        <ul>{{#invitations}}<li>{{email}} as {{role}}: <code>{{link}}</code> (until {{expires}})</li>{{/invitations}}</ul>
        {{/invite}}
        """,
        "invitation": """
        <h1>Join {{project}}</h1>
        <p>{{inviter}} invited {{email}} to {{project}} as {{role}}.</p>
        {{#open}}
        <form method="post" action="/invitations/{{id}}/accept" class="card">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <button type="submit">Join as {{role}}</button>
        </form>
        {{/open}}
        {{^open}}<p class="notice">{{state}}</p>{{/open}}
        """,
    ]
}
