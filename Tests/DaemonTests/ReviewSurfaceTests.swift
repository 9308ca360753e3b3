import Foundation
import TestSupport
import Testing

/// The review page and its writes through the real binary: `serve --http-listen 127.0.0.1:0` on a
/// private copy of the test web, requests through libcurl, files read from the directories.
extension DaemonProcessTests {
    @Suite struct ReviewSurfaceTests {
        static let digdir = "991825827"
        static let token = "review-test-token-0123456789abcdef"
        static let logoPath = "/themes/custom/digdir/images/digdir-logo.svg"
        static let goodSVG =
            ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><title>Hånd</title><rect x="4" y="4" width="112" height="32" fill="#0a5"/></svg>"##
        static let hostileSVG =
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>"#

        /// A served organisation with its first profile written, a token file and an overrides directory.
        struct Setup {
            let web: TestWeb
            let root: URL
            let server: SurfaceServer
            let overrides: String

            static func start() async throws -> Setup {
                let root = try TestWeb.copyOfFixtures()
                let web = try TestWeb.startPrivate(root: root)
                let tokens = temporaryDirectory("review-tokens") + "/tokens"
                try Data("# staff\nanne:\(ReviewSurfaceTests.token)\n".utf8).write(to: URL(fileURLWithPath: tokens))
                chmod(tokens, 0o600)
                let overrides = temporaryDirectory("review-overrides")
                let server = try await SurfaceServer.start(
                    web: web, organisations: [ReviewSurfaceTests.digdir],
                    extraArguments: ["--http-token-file", tokens, "--overrides-dir", overrides])
                let setup = Setup(web: web, root: root, server: server, overrides: overrides)
                let written = await eventually(timeout: 90) { (try? setup.profile())?["logo"] != nil }
                if !written { setup.stop() }
                try #require(written, "serve wrote no profile with a logo: \(server.daemon.text)")
                return setup
            }

            func stop() {
                server.daemon.stopNow()
                web.stop()
            }

            func profile() throws -> [String: Any] {
                let data = try Data(contentsOf: URL(fileURLWithPath: "\(server.cache)/profiles/\(ReviewSurfaceTests.digdir).json"))
                return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
            }

            var stateFile: String { "\(server.state)/review/\(ReviewSurfaceTests.digdir).json" }

            var auditLines: [[String: Any]] {
                let text = (try? String(contentsOfFile: "\(server.state)/audit.log", encoding: .utf8)) ?? ""
                return text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            }

            func post(_ action: String, form: String, bearer: Bool = true) async throws -> LoopbackHTTP.Response {
                var headers = ["Content-Type": "application/x-www-form-urlencoded"]
                if bearer { headers["Authorization"] = "Bearer \(ReviewSurfaceTests.token)" }
                return try await LoopbackHTTP.send(
                    "POST", server.url("/review/\(ReviewSurfaceTests.digdir)/\(action)"), headers: headers, body: Data(form.utf8))
            }

            func supply(logo: String?, email: String? = nil) async throws -> LoopbackHTTP.Response {
                let boundary = "orgprofileTestBoundary42"
                var body = ""
                if let logo {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo.svg\"\r\n"
                    body += "Content-Type: image/svg+xml\r\n\r\n\(logo)\r\n"
                }
                if let email { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n\(email)\r\n" }
                body += "--\(boundary)--\r\n"
                return try await LoopbackHTTP.send(
                    "POST", server.url("/review/\(ReviewSurfaceTests.digdir)/supply"),
                    headers: [
                        "Authorization": "Bearer \(ReviewSurfaceTests.token)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
                    ], body: Data(body.utf8))
            }
        }

        @Test func theGalleryShowsTheOrganisationWithItsLogoOnWhiteAndDark() async throws {
            let setup = try await Setup.start()
            defer { setup.stop() }
            let page = try await LoopbackHTTP.send("GET", setup.server.url("/review"))
            #expect(page.status == 200 && page.header("content-type")?.hasPrefix("text/html") == true)
            #expect(page.text.contains(#"<article class="org" id="org-991825827" data-orgnr="991825827">"#), "\(page.text.prefix(2000))")
            let logo = try #require(try setup.profile()["logo"] as? [String: Any])
            let renditions = logo["renditions"] as? [[String: Any]] ?? []
            let file = (renditions.first { $0["height"] as? Int == 256 }?["file"] ?? logo["file"]) as! String
            #expect(page.text.contains(#"<figure class="logo on-white"><img src="/\#(file)""#))
            #expect(page.text.contains(#"<figure class="logo on-dark"><img src="/\#(file)""#))
            #expect(page.text.contains(#"<a href="/review/login">"#) && !page.text.contains("<form"), "no forms without a session")
            let image = try await LoopbackHTTP.send("GET", setup.server.url("/\(file)"))
            #expect(image.status == 200 && !image.body.isEmpty, "the img source is served")

            let one = try await LoopbackHTTP.send("GET", setup.server.url("/review/\(Self.digdir)"))
            #expect(one.status == 200 && one.text.contains(#"id="org-991825827""#))
            let bad = try await LoopbackHTTP.send("GET", setup.server.url("/review/991825828"))
            #expect(bad.status == 400 && bad.text.contains(#"<p class="error">"#) && bad.text.contains("991825828"))
            let queue = try await LoopbackHTTP.send("GET", setup.server.url("/review?queue=nonsense"))
            #expect(queue.status == 400 && queue.text.contains("missing"))
        }

        @Test func anApprovedLogoSurvivesARefreshThatFindsAnotherAndWritesNeedTheToken() async throws {
            let setup = try await Setup.start()
            defer { setup.stop() }
            let digest = try #require((try setup.profile()["logo"] as? [String: Any])?["sha256"] as? String)

            let refused = try await setup.post("approve", form: "field=logo", bearer: false)
            #expect(refused.status == 401, "\(refused.text)")
            #expect(!FileManager.default.fileExists(atPath: setup.stateFile) && setup.auditLines.isEmpty, "nothing changed")
            #expect((try setup.profile())["approved"] == nil)

            let approved = try await setup.post("approve", form: "field=logo")
            try #require(approved.status == 303, "\(approved.text)")
            #expect(approved.header("location") == "/review/\(Self.digdir)")
            let pinned = try #require((try setup.profile()["approved"] as? [String: Any])?["logo"] as? [String: Any])
            #expect(pinned["sha256"] as? String == digest && pinned["by"] as? String == "anne")
            #expect(setup.auditLines.last?["action"] as? String == "approve" && setup.auditLines.last?["by"] as? String == "anne")
            let bogus = try await setup.post("approve", form: "field=name")
            #expect(bogus.status == 400 && bogus.text.contains(#"<p class="error">"#))

            // The site's logo changes; a refresh (the one-shot command, same directories) finds it.
            let logoFile = setup.root.appendingPathComponent("sites/www.digdir.no" + Self.logoPath)
            let svg = try String(contentsOf: logoFile, encoding: .utf8)
            try #require(svg.contains("#5a6f86"))
            try svg.replacingOccurrences(of: "#5a6f86", with: "#2a6f86").write(to: logoFile, atomically: true, encoding: .utf8)
            let refresh = try await RunningBinary.run(
                ["refresh", Self.digdir, "--cache-dir", setup.server.cache, "--state-dir", setup.server.state]
                    + setup.web.operatorArguments)
            #expect(refresh.status == 0, "\(refresh.stdout)\(refresh.stderr)")
            let profile = try setup.profile()
            #expect((profile["logo"] as? [String: Any])?["sha256"] as? String == digest, "the approved logo stays")
            #expect(profile["changedSinceApproval"] as? [String] == ["logo"])
            let page = try await LoopbackHTTP.send("GET", setup.server.url("/review?queue=changed-since-approval"))
            #expect(page.text.contains(#"id="org-991825827""#))
        }

        @Test func suppliedLogosAreValidatedAndAskedIsRecorded() async throws {
            let setup = try await Setup.start()
            defer { setup.stop() }

            let hostile = try await setup.supply(logo: Self.hostileSVG)
            #expect(hostile.status == 400)
            #expect(hostile.text.contains(#"<p class="error">"#) && hostile.text.contains("script"), "\(hostile.text)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: setup.overrides).isEmpty, "nothing written")
            #expect(setup.auditLines.isEmpty)

            let good = try await setup.supply(logo: Self.goodSVG, email: "Post@Digdir.no")
            try #require(good.status == 303, "\(good.text)")
            #expect(FileManager.default.contents(atPath: "\(setup.overrides)/\(Self.digdir).svg") == Data(Self.goodSVG.utf8))
            // The supply asked for a refresh of the organisation; its profile shows the hand-supplied logo.
            let shown = await eventually(timeout: 60) {
                ((try? setup.profile())?["logo"] as? [String: Any])?["foundBy"] as? String == "hand-supplied"
            }
            #expect(shown, "\(setup.server.daemon.text.suffix(2000))")
            #expect(((try setup.profile())["email"] as? [String: Any])?["value"] as? String == "post@digdir.no")

            let asked = try await setup.post("asked", form: "date=2026-12-01&note=e-post+til+kommunikasjon")
            #expect(asked.status == 303, "\(asked.text)")
            let state = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: setup.stateFile))) as? [String: Any])
            let entry = try #require((state["asked"] as? [[String: Any]])?.first)
            #expect(entry["date"] as? String == "2026-12-01" && entry["note"] as? String == "e-post til kommunikasjon")
            #expect(entry["by"] as? String == "anne")
            #expect(setup.auditLines.map { $0["action"] as? String } == ["supply", "asked"])
            let badDate = try await setup.post("asked", form: "date=1.12.2026")
            #expect(badDate.status == 400 && badDate.text.contains("YYYY-MM-DD"))
        }
    }
}
