import Foundation
import Hummingbird
import Logging

/// `GET /review/login` (the form; when logged in, who you are and a logout form),
/// `POST /review/login` (a token from `http-token-file` starts a session: cookie
/// `orgprofile_session`, HttpOnly, SameSite=Strict, Path=/review; 303 to `/review`) and
/// `POST /review/logout` (ends it; needs the session's CSRF token like every form).
enum LoginRoutes {
    static func register(on router: Router<SurfaceContext>, tokens: TokenStore, sessions: Sessions) {
        router.get("/review/login") { _, context in
            page(actor: context.actor, csrfToken: context.csrfToken, status: .ok, problem: nil, tokensConfigured: tokens.isConfigured)
        }
        router.post("/review/login") { request, context in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let token = FormFields.value(named: "token", in: body, contentType: request.headers[.contentType]) ?? ""
            guard let name = tokens.name(of: token.trimmingCharacters(in: .whitespaces)) else {
                let problem =
                    tokens.isConfigured
                    ? "That token is not in the server's token file; check it and try again."
                    : "Logging in is off: the server has no http-token-file."
                return page(actor: nil, csrfToken: nil, status: .unauthorized, problem: problem, tokensConfigured: tokens.isConfigured)
            }
            let id = sessions.start(name: name)
            context.logger.notice("review login: \(name)")
            return Response(
                status: .seeOther,
                headers: [
                    .location: "/review", .cacheControl: "no-store",
                    .setCookie: "\(Sessions.cookieName)=\(id); Path=/review; HttpOnly; SameSite=Strict; Max-Age=\(Int(Sessions.lifetime))",
                ])
        }
        router.post("/review/logout") { request, _ in
            if let id = request.cookies[Sessions.cookieName]?.value { sessions.end(id) }
            return Response(
                status: .seeOther,
                headers: [
                    .location: "/review/login", .cacheControl: "no-store",
                    .setCookie: "\(Sessions.cookieName)=; Path=/review; HttpOnly; SameSite=Strict; Max-Age=0",
                ])
        }
    }

    static func page(actor: String?, csrfToken: String?, status: HTTPResponse.Status, problem: String?, tokensConfigured: Bool)
        -> Response
    {
        var body = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Log in — orgprofile review</title>
            <style>body{font-family:system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem}
            .error{color:#a00}label{display:block;margin:.5rem 0}</style></head><body>
            <h1>orgprofile review</h1>

            """
        if let problem { body += "<p class=\"error\">\(ReviewPageHTML.escape(problem))</p>\n" }
        if let actor, let csrfToken {
            body += """
                <p>Logged in as <strong>\(ReviewPageHTML.escape(actor))</strong>. <a href="/review">To the review page</a>.</p>
                <form method="post" action="/review/logout">
                <input type="hidden" name="csrf" value="\(ReviewPageHTML.escape(csrfToken))">
                <button type="submit">Log out</button>
                </form>

                """
        } else {
            body += """
                <form method="post" action="/review/login">
                <label>Token <input type="password" name="token" autocomplete="current-password" required></label>
                <button type="submit">Log in</button>
                </form>
                <p>The token is a line <code>NAME:TOKEN</code> of the server's <code>http-token-file</code>; give the part after the colon.</p>

                """
            if !tokensConfigured { body += "<p class=\"error\">This server has no http-token-file: nobody can log in.</p>\n" }
        }
        body += "</body></html>\n"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
