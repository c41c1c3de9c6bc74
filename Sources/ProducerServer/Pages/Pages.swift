import Hummingbird
import Mustache
import ProducerOffice

/// Server-rendered pages: Mustache templates (``PageTemplates``) inside one layout. Values are
/// HTML-escaped by Mustache; pages work without JavaScript except the player.
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

    /// The layout around a rendered body.
    static func layout(
        title: String, body: String, context: StudioContext, project: StudioProject?, seesMoney: Bool = false
    ) -> String {
        var data: [String: Any] = ["title": title, "body": body, "csrf": context.csrfToken]
        if let account = context.identity { data["account"] = ["name": account.name, "email": account.email] }
        if let project { data["project"] = ["id": project.id, "name": project.name, "seesMoney": seesMoney] }
        return library.render(data, withTemplate: "layout") ?? body
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
        for part in [accounts, projects, songs, plan, feed] {
            all.merge(part) { first, _ in first }
        }
        return all
    }
}
