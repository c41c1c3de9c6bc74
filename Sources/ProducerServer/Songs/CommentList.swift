import ProducerFiles

/// The song page's comment list, written straight to HTML: the template engine looks each
/// value up by name and escapes it a character at a time, which made the list most of the
/// page's time under load. What the list may offer (resolve, task, reply) is the page's.
struct CommentList {
    var mayComment: Bool
    var mayBook: Bool
    var csrf: String
    /// Where the reply forms post.
    var commentAction: String
    /// The version the replies are written on.
    var versionID: String
    /// The project's people, for the task form's "who".
    var people: [(id: String, name: String)]

    /// The `<li>` of every item, in order.
    func html(_ items: [CommentItem]) -> String {
        var out = ""
        out.reserveCapacity(items.count * 1500)
        var options = ""
        for person in people {
            options += "<option value=\"\(HTML.escape(person.id))\">\(HTML.escape(person.name))</option>"
        }
        let csrfField = "<input type=\"hidden\" name=\"_csrf\" value=\"\(HTML.escape(csrf))\">"
        for item in items {
            let base = "/projects/\(HTML.escape(item.projectID))/comments/\(HTML.escape(item.id))"
            out += "<li id=\"comment-\(HTML.escape(item.id))\" style=\"margin-left: \(item.indent)rem\""
            out += item.resolved ? " class=\"muted\">" : ">"
            out += "\n<p><strong>\(HTML.escape(item.author))</strong>"
            if let range = item.range {
                out += " <a href=\"#player\" data-seek=\"\(HTML.escape(item.seek ?? ""))\" class=\"place\">"
                out += HTML.escape(range) + "</a>"
            }
            if let barBeat = item.barBeat { out += " <span class=\"bar-beat\">bar \(HTML.escape(barBeat))</span>" }
            if let from = item.from { out += " <span class=\"from\">\(HTML.escape(from))</span>" }
            if item.movedByTime { out += " <span class=\"warn\">moved by time, not by beat</span>" }
            if item.resolved { out += " <span class=\"good\">resolved</span>" }
            if item.hasTask { out += " <span class=\"good\">task made</span>" }
            out += " <span class=\"muted\">\(HTML.escape(item.when))</span></p>\n"
            out += "<p>\(HTML.escape(item.body))</p>\n"
            if mayComment, !item.resolved, item.isRoot {
                out += "<form method=\"post\" action=\"\(base)/resolve\" class=\"inline\">\(csrfField)"
                out += "<button type=\"submit\" class=\"link\">Resolve</button></form>\n"
            }
            if mayBook, item.isRoot, !item.hasTask {
                out += "<form method=\"post\" action=\"\(base)/task\" class=\"inline\">\(csrfField)"
                out += "<select name=\"person\" aria-label=\"who\">\(options)</select>"
                out += "<input type=\"date\" name=\"due\" aria-label=\"due\" required>"
                out += "<button type=\"submit\" class=\"link\">Make it a task</button></form>\n"
            }
            if mayComment {
                out += "<details><summary>Reply</summary>"
                out += "<form method=\"post\" action=\"\(HTML.escape(commentAction))\">\(csrfField)"
                out += "<input type=\"hidden\" name=\"version\" value=\"\(HTML.escape(versionID))\">"
                out += "<input type=\"hidden\" name=\"parent\" value=\"\(HTML.escape(item.id))\">"
                out += "<textarea name=\"body\" maxlength=\"5000\" required aria-label=\"reply\"></textarea>"
                out += "<button type=\"submit\">Reply</button></form></details>\n"
            }
            out += "</li>\n"
        }
        return out
    }
}
