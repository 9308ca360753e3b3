import Foundation
import TestSupport
import Testing

/// Who may write: bearer tokens from `http-token-file`, the login form and its session cookie,
/// the CSRF check on browser posts, the size cap on request bodies. Reads need nothing.
extension DaemonProcessTests {
    @Suite struct HTTPSurfaceAuthTests {
        let web = TestWeb.shared
        static let token = "s3cret-token-for-alice-0123"

        func tokenFile() throws -> String {
            let path = temporaryDirectory("auth-tokens") + "/tokens"
            try Data("# staff\nalice:\(Self.token)\n\nbob:another-token-for-bob-4567 # comment\n".utf8).write(
                to: URL(fileURLWithPath: path))
            chmod(path, 0o640)
            return path
        }

        /// Every file under `directory`, with its bytes: what "nothing changed" is checked against.
        static func files(_ directory: String) -> [String: Data] {
            var out: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: directory)
            while let name = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory), !isDirectory.boolValue {
                    out[name] = FileManager.default.contents(atPath: "\(directory)/\(name)")
                }
            }
            return out
        }

        @Test func writesWithoutATokenAreRefusedAndChangeNothing() async throws {
            let server = try await SurfaceServer.start(web: web, extraArguments: ["--http-token-file", try tokenFile()])
            defer { server.daemon.stopNow() }
            let cacheBefore = Self.files(server.cache)
            let stateBefore = Self.files(server.state)
            for (headers, body) in [
                ([String: String](), "field=logo"), (["Authorization": "Bearer wrong-token-0123456789"], "field=logo"),
                (["Authorization": "Basic YWxpY2U6eA=="], "field=logo"), (["Cookie": "orgprofile_session=forged"], "field=logo&csrf=x"),
            ] {
                var fields = headers
                fields["Content-Type"] = "application/x-www-form-urlencoded"
                for path in ["/review/991825827/approve", "/review/991825827/supply", "/review/991825827/asked"] {
                    let response = try await LoopbackHTTP.send("POST", server.url(path), headers: fields, body: Data(body.utf8))
                    #expect(response.status == 401, "\(path) \(headers): \(response.status)")
                    #expect(response.text.contains("token"), "\(response.text)")
                }
            }
            #expect(Self.files(server.cache).keys.filter { !$0.hasPrefix(".") } == cacheBefore.keys.filter { !$0.hasPrefix(".") })
            #expect(Self.files(server.state)["audit.log"] == nil)
            #expect(Self.files(server.state).keys.filter { $0.hasPrefix("review") }.isEmpty)
            _ = stateBefore

            // Reads need nothing on loopback.
            #expect(try await LoopbackHTTP.send("GET", server.url("/profiles")).status == 200)
            // A known token passes the check (what the route then does is the review work's).
            let allowed = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/approve"),
                headers: ["Authorization": "Bearer \(Self.token)", "Content-Type": "application/x-www-form-urlencoded"],
                body: Data("field=logo".utf8))
            #expect(allowed.status != 401 && allowed.status != 403, "\(allowed.status) \(allowed.text)")
        }

        @Test func loginSetsASessionCookieAndFormsNeedItsCSRFToken() async throws {
            let server = try await SurfaceServer.start(web: web, extraArguments: ["--http-token-file", try tokenFile()])
            defer { server.daemon.stopNow() }
            let form = try await LoopbackHTTP.send("GET", server.url("/review/login"))
            #expect(form.status == 200)
            #expect(form.text.contains(#"<form method="post" action="/review/login">"#), "\(form.text)")
            #expect(form.text.contains(#"<input type="password" name="token""#), "\(form.text)")

            let urlencoded = ["Content-Type": "application/x-www-form-urlencoded"]
            let wrong = try await LoopbackHTTP.send(
                "POST", server.url("/review/login"), headers: urlencoded, body: Data("token=guess".utf8))
            #expect(wrong.status == 401)
            #expect(wrong.text.contains(#"action="/review/login""#) && wrong.text.contains("not"), "\(wrong.text)")
            #expect(wrong.cookies.isEmpty)

            let login = try await LoopbackHTTP.send(
                "POST", server.url("/review/login"), headers: urlencoded,
                body: Data("token=\(Self.token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)".utf8))
            #expect(login.status == 303)
            #expect(login.header("location") == "/review")
            let cookie = try #require(login.cookies.first { $0.hasPrefix("orgprofile_session=") })
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            #expect(
                attributes.contains("httponly") && attributes.contains("samesite=strict") && attributes.contains("path=/review"),
                "\(cookie)")
            let session = String(cookie.split(separator: ";")[0])

            // Logged in, the login page names the user and carries the session's CSRF token in its logout form.
            let page = try await LoopbackHTTP.send("GET", server.url("/review/login"), headers: ["Cookie": session])
            #expect(page.text.contains("alice"), "\(page.text)")
            let csrf = try #require(
                page.text.range(of: #"name="csrf" value="[0-9a-f]{64}""#, options: .regularExpression).map {
                    String(page.text[$0].dropFirst(#"name="csrf" value=""#.count).dropLast())
                }, "no csrf field: \(page.text)")

            // The cookie alone is not enough for a write: the CSRF token must come with it.
            let noToken = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/approve"), headers: urlencoded.merging(["Cookie": session]) { $1 },
                body: Data("field=logo".utf8))
            #expect(noToken.status == 403, "\(noToken.status) \(noToken.text)")
            #expect(noToken.text.contains("CSRF"))
            let badToken = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/approve"), headers: urlencoded.merging(["Cookie": session]) { $1 },
                body: Data("field=logo&csrf=\(String(repeating: "0", count: 64))".utf8))
            #expect(badToken.status == 403)
            let multipart =
                "--XYZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n--XYZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\npost@example.org\r\n--XYZ--\r\n"
            let goodMultipart = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/supply"),
                headers: ["Cookie": session, "Content-Type": "multipart/form-data; boundary=XYZ"], body: Data(multipart.utf8))
            #expect(goodMultipart.status != 401 && goodMultipart.status != 403, "\(goodMultipart.status) \(goodMultipart.text)")

            // Logging out (a write with the CSRF token) ends the session.
            let logout = try await LoopbackHTTP.send(
                "POST", server.url("/review/logout"), headers: urlencoded.merging(["Cookie": session]) { $1 },
                body: Data("csrf=\(csrf)".utf8))
            #expect(logout.status == 303)
            let after = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/approve"), headers: urlencoded.merging(["Cookie": session]) { $1 },
                body: Data("field=logo&csrf=\(csrf)".utf8))
            #expect(after.status == 401)
        }

        @Test func requestBodiesOverTheCapAreRefusedWith413() async throws {
            let server = try await SurfaceServer.start(web: web, extraArguments: ["--http-token-file", try tokenFile()])
            defer { server.daemon.stopNow() }
            let large = Data(repeating: UInt8(ascii: "a"), count: 3 * 1024 * 1024)
            let response = try await LoopbackHTTP.send(
                "POST", server.url("/review/991825827/supply"),
                headers: ["Authorization": "Bearer \(Self.token)", "Content-Type": "application/x-www-form-urlencoded"], body: large)
            #expect(response.status == 413)
            #expect(response.text.contains("2 MiB"), "\(response.text)")
        }
    }
}
