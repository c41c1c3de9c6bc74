import Hummingbird
import Mustache
import ProducerFiles
import ProducerOffice

/// Server-rendered pages: Mustache templates (``PageTemplates``) inside one layout. Values are
/// HTML-escaped by Mustache; pages work without JavaScript except the player. The layout and
/// the song page, served with every request and the most, are written in Swift instead.
enum Pages {
    /// Every template, parsed once.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all {
            // The templates are the server's own text; a template that does not parse is a bug the
            // page tests catch (it renders as nothing).
            try? library.register(text, named: name)
        }
        return library
    }()

    /// `template` rendered with `data` inside the layout, titled `title`.
    static func page(
        _ template: String, title: String, data: [String: Any] = [:], context: StudioContext,
        access: Access? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var data = data
        data["csrf"] = context.csrfToken
        let body = library.render(data, withTemplate: template) ?? ""
        return .html(
            layout(
                title: title, body: body, context: context, project: access?.project,
                seesMoney: access?.may(.seeMoney) ?? false),
            status: status)
    }

    /// A page whose body was written without a template, inside the layout.
    static func page(
        body: String, title: String, context: StudioContext, access: Access?, status: HTTPResponse.Status = .ok
    ) -> Response {
        .html(
            layout(
                title: title, body: body, context: context, project: access?.project,
                seesMoney: access?.may(.seeMoney) ?? false),
            status: status)
    }

    /// The layout around a rendered body, written straight to HTML (every page has it): the bar
    /// with who is signed in, the project's menu, and the page.
    static func layout(
        title: String, body: String, context: StudioContext, project: StudioProject?, seesMoney: Bool = false
    ) -> String {
        layout(
            title: title, body: body, csrf: context.csrfToken, account: context.identity, project: project,
            seesMoney: seesMoney)
    }

    static func layout(
        title: String, body: String, csrf: String, account: Account?, project: StudioProject?, seesMoney: Bool
    ) -> String {
        var out = ""
        out.reserveCapacity(body.utf8.count + 2048)
        out += """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · Producer</title>
            <link rel="stylesheet" href="/style.css">
            <link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%23b4232a'/%3E%3C/svg%3E">
            </head>
            <body>
            <header class="bar">
              <a class="brand" href="/">Producer</a>

            """
        if let project {
            out +=
                "  <a class=\"here\" href=\"/projects/\(HTML.escape(project.id))\">\(HTML.escape(project.name))</a>\n"
        }
        out += "  <nav>\n"
        if let account {
            out += """
                    <a href="/projects">Projects</a>
                    <a href="/notifications">Notifications</a>
                    <form method="post" action="/sign-out" class="inline">
                      <input type="hidden" name="_csrf" value="\(HTML.escape(csrf))">
                      <button type="submit" class="link">Sign out (\(HTML.escape(account.name)))</button>
                    </form>

                """
        } else {
            out += "  <a href=\"/sign-in\">Sign in</a> <a href=\"/sign-up\">Sign up</a>\n"
        }
        out += "  </nav>\n</header>\n"
        if let project {
            let base = "/projects/" + HTML.escape(project.id)
            out += "<nav class=\"project\">\n"
            out += "  <a href=\"\(base)\">Songs</a>\n"
            for (path, label) in [("schedule", "Schedule"), ("polls", "Polls")] {
                out += "  <a href=\"\(base)/\(path)\">\(label)</a>\n"
            }
            if seesMoney { out += "  <a href=\"\(base)/budget\">Budget</a>\n" }
            for (path, label) in [
                ("deliverables", "Deliverables"), ("status", "Status"), ("activity", "Activity"), ("report", "Report"),
                ("members", "People"),
            ] {
                out += "  <a href=\"\(base)/\(path)\">\(label)</a>\n"
            }
            out += "</nav>\n"
        }
        out += "<main>\n"
        out += body
        out += "\n</main>\n</body>\n</html>\n"
        return out
    }

    /// The page for a refused or failed request: its status and sentence, nothing else.
    static func errorPage(_ failure: ServerFailure, context: StudioContext) -> Response {
        let data: [String: Any] = ["status": Int(failure.status.code), "message": failure.message]
        return page("error", title: failure.status.reasonPhrase, data: data, context: context, status: failure.status)
    }
}

/// The page templates, by name; each part of the server adds its own in `PageTemplates+Part.swift`.
enum PageTemplates {
    static var all: [String: String] {
        var all = layout
        for part in [accounts, projects, plan, feed] {
            all.merge(part) { first, _ in first }
        }
        return all
    }
}
