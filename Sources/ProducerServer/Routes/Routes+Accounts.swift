import Foundation
import Hummingbird
import ProducerOffice

extension Routes {
    /// Sign-up, sign-in and sign-out, as pages and as the API (`/api/accounts`, `/api/session`,
    /// `/api/me`).
    func addAccountRoutes() {
        let services = services
        let configuration = configuration
        let people = People(
            services: services, configuration: configuration,
            throttle: LoginThrottle(attempts: configuration.loginAttempts, window: configuration.loginWindow))

        add(.get, "/sign-up", .anyone) { request, context, _ in
            Pages.page(
                "sign-up", title: "Sign up",
                data: ["next": People.localPath(request.uri.queryParameters["next"]) ?? ""],
                context: context)
        }
        add(.post, "/sign-up", .anyone) { request, context, _ in
            var request = request
            let form = try await request.form(context: context)
            let next =
                People.localPath(form["next"].map { $0[...] }) ?? People.localPath(request.uri.queryParameters["next"])
            do {
                let account = try await people.signUp(
                    name: form["name"] ?? "", email: form["email"] ?? "", password: form["password"] ?? "")
                let token = try await people.signIn(account)
                var response = Response.redirect(to: next ?? "/projects")
                response.setCookie(people.sessionCookie(token))
                return response
            } catch let failure as ServerFailure {
                let data: [String: Any] = [
                    "problem": failure.message, "name": form["name"] ?? "", "email": form["email"] ?? "",
                    "next": next ?? "",
                ]
                return Pages.page("sign-up", title: "Sign up", data: data, context: context, status: failure.status)
            }
        }
        add(.get, "/sign-in", .anyone) { request, context, _ in
            Pages.page(
                "sign-in", title: "Sign in",
                data: ["next": People.localPath(request.uri.queryParameters["next"]) ?? ""],
                context: context)
        }
        add(.post, "/sign-in", .anyone) { request, context, _ in
            var request = request
            let form = try await request.form(context: context)
            let next =
                People.localPath(form["next"].map { $0[...] }) ?? People.localPath(request.uri.queryParameters["next"])
            do {
                let account = try await people.checkPassword(
                    email: form["email"] ?? "", password: form["password"] ?? "", context: context)
                let token = try await people.signIn(account)
                var response = Response.redirect(to: next ?? "/projects")
                response.setCookie(people.sessionCookie(token))
                return response
            } catch let failure as ServerFailure {
                let data: [String: Any] = [
                    "problem": failure.message, "email": form["email"] ?? "", "next": next ?? "",
                ]
                return Pages.page("sign-in", title: "Sign in", data: data, context: context, status: failure.status)
            }
        }
        add(.post, "/sign-out", .anyone) { _, context, _ in
            if let session = context.signIn {
                try await services.studio.removeSignIn(tokenHash: session.tokenHash)
            }
            var response = Response.redirect(to: "/sign-in")
            response.setCookie(people.sessionCookie(""))
            return response
        }

        add(.post, "/api/accounts", .anyone) { request, context, _ in
            var request = request
            let body = try await request.json(People.SignUp.self, context: context)
            let account = try await people.signUp(name: body.name, email: body.email, password: body.password)
            return try .json(People.AccountView(account), status: .created)
        }
        add(.post, "/api/session", .anyone) { request, context, _ in
            var request = request
            let body = try await request.json(People.SignIn.self, context: context)
            let account = try await people.checkPassword(email: body.email, password: body.password, context: context)
            let token = try await people.signIn(account)
            let session = People.SessionView(
                token: token, account: People.AccountView(account),
                expiresAt: services.now().addingTimeInterval(configuration.signInLifetime))
            return try .json(session, status: .created)
        }
        add(.delete, "/api/session", .signedIn) { _, context, _ in
            if let session = context.signIn {
                try await services.studio.removeSignIn(tokenHash: session.tokenHash)
            }
            var response = Response(status: .noContent)
            if !context.signedInByBearer { response.setCookie(people.sessionCookie("")) }
            return response
        }
        add(.get, "/api/me", .signedIn) { _, _, access in
            try .json(People.AccountView(try access.signedIn))
        }
    }
}
