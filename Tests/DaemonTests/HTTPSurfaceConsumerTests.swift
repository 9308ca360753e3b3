import Foundation
import TestSupport
import Testing

/// The consumer API of `serve --http-listen`, driven through libcurl against the real binary,
/// over profiles that `orgprofile refresh` wrote from the test web.
extension DaemonProcessTests {
    @Suite struct HTTPSurfaceConsumerTests {
        let web = TestWeb.shared
        static let organisations = ["991825827", "974760673", "985399077"]

        /// A cache directory with real profiles, plus one derived from them that has no logo,
        /// email or phone, status `deleted` and a later `refreshedAt` (a shape a refresh writes
        /// for a deleted organisation whose site is gone).
        func preparedCache() async throws -> String {
            let cache = temporaryDirectory("consumer-cache")
            let result = try await RunningBinary.run(
                ["refresh", "--cache-dir", cache, "--state-dir", temporaryDirectory("consumer-state")] + web.operatorArguments
                    + Self.organisations, timeout: 180)
            try #require(result.status == 0, "refresh failed: \(result.stderr)")
            var derived = try Self.object(at: "\(cache)/profiles/\(Self.organisations[0]).json")
            derived["organisationNumber"] = "974761467"
            derived["status"] = "deleted"
            derived["logo"] = nil
            derived["email"] = nil
            derived["phone"] = nil
            derived["refreshedAt"] = "2031-01-01T00:00:00Z"
            try Self.writeAtomically(
                try JSONSerialization.data(withJSONObject: derived, options: [.prettyPrinted, .sortedKeys]),
                to: "\(cache)/profiles/974761467.json")
            return cache
        }

        static func object(at path: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        }

        static func writeAtomically(_ data: Data, to path: String) throws {
            try data.write(to: URL(fileURLWithPath: path + ".part"))
            try #require(rename(path + ".part", path) == 0)
        }

        static func storedProfiles(_ cache: String) throws -> [String: [String: Any]] {
            var out: [String: [String: Any]] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(cache)/profiles")
            where name.hasSuffix(".json") && !name.hasPrefix(".") {
                out[String(name.dropLast(5))] = try object(at: "\(cache)/profiles/\(name)")
            }
            return out
        }

        static func numbers(_ response: LoopbackHTTP.Response) throws -> [String] {
            let document = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
            let profiles = try #require(
                document?["profiles"] as? [[String: Any]], "not {\"profiles\": [...]}: \(response.text.prefix(300))")
            return profiles.map { $0["organisationNumber"] as! String }
        }

        @Test func profilesAreTheStoredObjectsWithETagsAndNDJSON() async throws {
            let cache = try await preparedCache()
            let server = try await SurfaceServer.start(web: web, cache: cache)
            defer { server.daemon.stopNow() }
            let stored = try Self.storedProfiles(cache)
            try #require(stored.count == 4)

            let all = try await LoopbackHTTP.send("GET", server.url("/profiles"))
            #expect(all.status == 200)
            #expect(all.header("content-type")?.hasPrefix("application/json") == true)
            let document = try #require(try JSONSerialization.jsonObject(with: all.body) as? [String: Any])
            let served = try #require(document["profiles"] as? [[String: Any]])
            #expect(served.map { $0["organisationNumber"] as! String } == stored.keys.sorted())
            for profile in served {
                let number = profile["organisationNumber"] as! String
                #expect(NSDictionary(dictionary: profile).isEqual(to: stored[number]!), "\(number) differs from its file")
            }

            // Strong ETag and 304.
            let tag = try #require(all.header("etag"))
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\"") && !tag.hasPrefix("W/"))
            #expect(all.header("cache-control") != nil)
            let again = try await LoopbackHTTP.send("GET", server.url("/profiles"), headers: ["If-None-Match": tag])
            #expect(again.status == 304)
            #expect(again.body.isEmpty)
            #expect(again.header("etag") == tag)

            // NDJSON: one stored object a line, its own tag.
            let lines = try await LoopbackHTTP.send("GET", server.url("/profiles"), headers: ["Accept": "application/x-ndjson"])
            #expect(lines.status == 200)
            #expect(lines.header("content-type") == "application/x-ndjson")
            #expect(lines.header("etag") != nil && lines.header("etag") != tag)
            let split = lines.text.split(separator: "\n")
            #expect(split.count == stored.count)
            for line in split {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(NSDictionary(dictionary: object).isEqual(to: stored[object["organisationNumber"] as! String]!))
            }
            let linesAgain = try await LoopbackHTTP.send(
                "GET", server.url("/profiles"), headers: ["Accept": "application/x-ndjson", "If-None-Match": lines.header("etag")!])
            #expect(linesAgain.status == 304)

            // A profile written while serving is in the next answer, under a new tag.
            var added = stored[Self.organisations[1]]!
            added["organisationNumber"] = "974760843"
            try Self.writeAtomically(try JSONSerialization.data(withJSONObject: added), to: "\(cache)/profiles/974760843.json")
            let changed = try await LoopbackHTTP.send("GET", server.url("/profiles"), headers: ["If-None-Match": tag])
            #expect(changed.status == 200)
            #expect(try Self.numbers(changed).contains("974760843"))
            #expect(changed.header("etag") != tag)
        }

        @Test func filtersSelectByStatusMissingValuesAndChangeTime() async throws {
            let cache = try await preparedCache()
            let server = try await SurfaceServer.start(web: web, cache: cache)
            defer { server.daemon.stopNow() }
            let stored = try Self.storedProfiles(cache)
            func expected(_ keep: ([String: Any]) -> Bool) -> [String] { stored.filter { keep($0.value) }.keys.sorted() }
            func get(_ query: String) async throws -> [String] {
                let response = try await LoopbackHTTP.send("GET", server.url("/profiles?" + query))
                try #require(response.status == 200, "\(query): \(response.status) \(response.text)")
                return try Self.numbers(response)
            }

            #expect(try await get("status=deleted") == expected { $0["status"] as? String == "deleted" })
            #expect(try await get("status=active") == expected { $0["status"] as? String == "active" })
            #expect(try await get("status=active,deleted").count == stored.count)
            #expect(try await get("missing=logo") == expected { $0["logo"] == nil })
            #expect(try await get("missing=email,phone") == expected { $0["email"] == nil || $0["phone"] == nil })
            #expect(try await get("changedSince=2030-12-31T23:00:00Z") == ["974761467"])
            // The same instant with an offset (a literal '+', and percent-encoded).
            #expect(try await get("changedSince=2031-01-01T00:59:59+01:00") == ["974761467"])
            #expect(try await get("changedSince=2031-01-01T01:00:00%2B01:00").isEmpty)
            #expect(try await get("status=active&missing=logo") == expected { $0["status"] as? String == "active" && $0["logo"] == nil })
            // Filtered answers have their own tags and answer 304 too.
            let filtered = try await LoopbackHTTP.send("GET", server.url("/profiles?missing=logo"))
            let tag = try #require(filtered.header("etag"))
            #expect(try await LoopbackHTTP.send("GET", server.url("/profiles?missing=logo"), headers: ["If-None-Match": tag]).status == 304)
            #expect(
                try await LoopbackHTTP.send("GET", server.url("/profiles?status=deleted"), headers: ["If-None-Match": tag]).status == 200)

            for (query, named) in [
                ("status=alive", "'alive'"), ("missing=fax", "'fax'"), ("changedSince=yesterday", "'yesterday'"),
                ("changedSince=2026-13-01T00:00:00Z", "RFC 3339"), ("colour=red", "'colour'"), ("status=", "status"),
            ] {
                let response = try await LoopbackHTTP.send("GET", server.url("/profiles?" + query))
                #expect(response.status == 400, "\(query)")
                #expect(response.text.contains(named), "\(query): \(response.text)")
                #expect(response.header("content-type")?.hasPrefix("text/plain") == true)
            }
        }

        @Test func oneProfileAndLogosWithSafeHeaders() async throws {
            let cache = try await preparedCache()
            let server = try await SurfaceServer.start(web: web, cache: cache)
            defer { server.daemon.stopNow() }

            let number = Self.organisations[0]
            let file = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json"))
            let one = try await LoopbackHTTP.send("GET", server.url("/profiles/\(number)"))
            #expect(one.status == 200)
            #expect(one.body == file)
            let tag = try #require(one.header("etag"))
            #expect(try await LoopbackHTTP.send("GET", server.url("/profiles/\(number)"), headers: ["If-None-Match": tag]).status == 304)

            let badLength = try await LoopbackHTTP.send("GET", server.url("/profiles/12345"))
            #expect(badLength.status == 400)
            #expect(badLength.text.contains("12345") && badLength.text.contains("9 digits"), "\(badLength.text)")
            let badCheck = try await LoopbackHTTP.send("GET", server.url("/profiles/991825828"))
            #expect(badCheck.status == 400)
            #expect(badCheck.text.contains("check digit"), "\(badCheck.text)")
            let unknown = try await LoopbackHTTP.send(
                "GET", server.url("/profiles/974760673".replacingOccurrences(of: "974760673", with: "923609016")))
            #expect(unknown.status == 404)

            // Every file a profile names under logos/ is served with its type and the safety headers.
            let profile = try Self.object(at: "\(cache)/profiles/\(number).json")
            let logoFile = try #require((profile["logo"] as? [String: Any])?["file"] as? String)
            var names = [logoFile]
            names += ((profile["logo"] as? [String: Any])?["renditions"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
            for name in names {
                let response = try await LoopbackHTTP.send("GET", server.url("/" + name))
                #expect(response.status == 200, "\(name)")
                #expect(response.body == (try Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(name)"))))
                #expect(response.header("content-type") == (name.hasSuffix(".svg") ? "image/svg+xml" : "image/png"))
                #expect(response.header("x-content-type-options") == "nosniff")
                #expect(response.header("content-security-policy") == "default-src 'none'; style-src 'unsafe-inline'; sandbox")
                let logoTag = try #require(response.header("etag"))
                #expect(try await LoopbackHTTP.send("GET", server.url("/" + name), headers: ["If-None-Match": logoTag]).status == 304)
            }

            // Nothing outside logos/ is reachable through it.
            #expect(symlink("\(cache)/profiles/\(number).json", "\(cache)/logos/linked.svg") == 0)
            for path in [
                "/logos/../profiles/\(number).json", "/logos/..%2Fprofiles%2F\(number).json", "/logos/%2e%2e%2fprofiles%2f\(number).json",
                "/logos/..%2f..%2f..%2fetc%2fpasswd", "/logos/linked.svg", "/logos/.lock", "/logos/%2Fetc%2Fpasswd",
            ] {
                let response = try await LoopbackHTTP.send("GET", server.url(path))
                #expect(response.status == 404 || response.status == 400, "\(path): \(response.status)")
                #expect(!response.text.contains("organisationNumber") && !response.text.contains("root:"), "\(path) leaked a file")
            }
        }

        @Test func refreshWritesTheIndexFileTheAPIServes() async throws {
            let cache = try await preparedCache()
            // Written by `refresh` (before the derived profile was added): the refreshed ones.
            let index = try Self.object(at: "\(cache)/index.json")
            let listed = (index["profiles"] as? [[String: Any]] ?? []).map { $0["organisationNumber"] as! String }
            #expect(listed == Self.organisations.sorted())
            let server = try await SurfaceServer.start(web: web, organisations: [Self.organisations[1]], cache: cache)
            defer { server.daemon.stopNow() }
            // serve rewrites it after its refresh: now with the derived profile too, as GET /profiles has it.
            let rewritten = await eventually(timeout: 90) {
                let object = try? Self.object(at: "\(cache)/index.json")
                return (object?["profiles"] as? [[String: Any]])?.count == 4
            }
            let output = server.daemon.text
            #expect(rewritten, "index.json not rewritten by serve; output: \(output)")
            let api = try await LoopbackHTTP.send("GET", server.url("/profiles"))
            let file = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/index.json"))
            let fromFile = try JSONSerialization.jsonObject(with: file) as! NSDictionary
            let fromAPI = try JSONSerialization.jsonObject(with: api.body) as! NSDictionary
            #expect(fromFile.isEqual(to: fromAPI as! [AnyHashable: Any]))
        }
    }
}
