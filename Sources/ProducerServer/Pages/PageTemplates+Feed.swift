extension PageTemplates {
    /// The notifications feed and a project's activity log.
    static let feed: [String: String] = [
        "notifications": """
        <h1>Notifications</h1>
        <form method="post" action="/notifications/seen">
          <input type="hidden" name="_csrf" value="{{csrf}}">
          <p>{{unread}} new · <button type="submit" class="link">mark all as read</button></p>
        </form>
        {{#empty}}<p class="muted">Nothing yet: what others do on your projects shows here.</p>{{/empty}}
        <ul class="feed">
        {{#items}}<li>{{#unread}}<strong>●</strong> {{/unread}}<span class="muted">{{at}} · {{project}}</span><br>
          {{who}} {{verb}} {{#hasLink}}<a href="{{link}}">{{subject}}</a>{{/hasLink}}{{^hasLink}}{{subject}}{{/hasLink}}</li>{{/items}}
        </ul>
        """,
        "activity": """
        <h1>Activity</h1>
        {{#empty}}<p class="muted">Nothing has happened here yet.</p>{{/empty}}
        <ul class="feed">
        {{#items}}<li><span class="muted">{{at}}</span> · {{who}} {{verb}}
          {{#hasLink}}<a href="{{link}}">{{subject}}</a>{{/hasLink}}{{^hasLink}}{{subject}}{{/hasLink}}</li>{{/items}}
        </ul>
        """,
    ]
}
