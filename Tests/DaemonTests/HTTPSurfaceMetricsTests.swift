import Foundation
import TestSupport
import Testing

/// `/metrics` (Prometheus text) after real refreshes, and `/readyz`.
extension DaemonProcessTests {
    @Suite struct HTTPSurfaceMetricsTests {
        let web = TestWeb.shared
        static let organisations = ["991825827", "974760673", "985399077"]

        /// The value of the sample `name{labels}` (labels as written, sorted by the exporter), nil when absent.
        static func sample(_ text: String, _ series: String) -> Double? {
            for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
                return Double(line.split(separator: " ").last ?? "")
            }
            return nil
        }

        @Test func metricsNameRefreshesProblemsFetchesResponsesProfilesAndTheFeed() async throws {
            let server = try await SurfaceServer.start(
                web: web, organisations: Self.organisations,
                config: #"{"feed": true, "feed-interval": 1, "refresh-interval": 3600}"#)
            defer { server.daemon.stopNow() }
            let written = await eventually(timeout: 90) {
                let index = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(server.cache)/index.json")))
                return ((index as? [String: Any])?["profiles"] as? [Any])?.count == Self.organisations.count
            }
            let output = server.daemon.text
            try #require(written, "profiles not written; output: \(output)")
            _ = try await LoopbackHTTP.send("GET", server.url("/profiles/12345"))  // one 4xx answer

            let response = try await LoopbackHTTP.send("GET", server.url("/metrics"))
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("text/plain; version=0.0.4") == true, "\(response.headers)")
            let text = response.text
            #expect(Self.sample(text, #"orgprofile_refreshes_total{outcome="written"}"#) == Double(Self.organisations.count), "\(text)")

            // Problems by code: every code in the written profiles is counted as often as it appears.
            var codes: [String: Int] = [:]
            var present = ["logo": 0, "email": 0, "phone": 0]
            for number in Self.organisations {
                let profile =
                    try JSONSerialization.jsonObject(
                        with: Data(contentsOf: URL(fileURLWithPath: "\(server.cache)/profiles/\(number).json")))
                    as! [String: Any]
                for problem in profile["problems"] as? [[String: Any]] ?? [] { codes[problem["code"] as! String, default: 0] += 1 }
                for key in present.keys where profile[key] != nil { present[key]! += 1 }
            }
            for (code, count) in codes {
                #expect(Self.sample(text, "orgprofile_problems_total{code=\"\(code)\"}") == Double(count), "\(code)")
            }
            #expect(text.contains("# TYPE orgprofile_problems_total counter") || codes.isEmpty)

            // Fetch durations by kind: the register and the sites' pages were fetched.
            for kind in ["registry", "page"] {
                let count = try #require(Self.sample(text, "orgprofile_fetch_duration_seconds_count{kind=\"\(kind)\"}"), "\(kind): \(text)")
                #expect(count >= 1)
            }
            #expect(text.contains("orgprofile_fetch_duration_seconds_bucket{kind=\"page\",le="))

            // Answers by status class (this scrape counts when it ends, the 400 before it).
            #expect((Self.sample(text, #"orgprofile_http_responses_total{class="4xx"}"#) ?? 0) >= 1, "\(text)")
            #expect((Self.sample(text, #"orgprofile_http_responses_total{class="2xx"}"#) ?? 0) >= 0)

            // Profiles by completeness, as the files show.
            #expect(Self.sample(text, "orgprofile_profiles") == Double(Self.organisations.count), "\(text)")
            for (key, count) in present {
                #expect(Self.sample(text, "orgprofile_profiles_with{value=\"\(key)\"}") == Double(count), "\(key): \(text)")
            }
            // The feed was read (feed-interval 1 s): its lag is small; the last refresh is recent.
            let lag = try #require(Self.sample(text, "orgprofile_feed_lag_seconds"), "\(text)")
            #expect(lag >= 0 && lag < 60)
            let last = try #require(Self.sample(text, "orgprofile_last_successful_refresh_timestamp_seconds"))
            #expect(abs(last - Date().timeIntervalSince1970) < 300)

            // The scrape itself answers 200, counted by the next one.
            let next = try await LoopbackHTTP.send("GET", server.url("/metrics"))
            #expect((Self.sample(next.text, #"orgprofile_http_responses_total{class="2xx"}"#) ?? 0) >= 1)
            #expect(next.header("etag") != nil)
        }

        @Test func readyzSaysWhenTheCacheDirectoryCannotBeWritten() async throws {
            let server = try await SurfaceServer.start(web: web)
            defer { server.daemon.stopNow() }
            let ready = try await LoopbackHTTP.send("GET", server.url("/readyz"))
            #expect(ready.status == 200, "\(ready.text)")
            #expect(ready.header("etag") != nil)
            // The cache directory replaced by a file (root may write anywhere, so a mode would not do).
            let moved = server.cache + ".moved"
            try #require(rename(server.cache, moved) == 0)
            FileManager.default.createFile(atPath: server.cache, contents: Data("not a directory\n".utf8))
            let broken = try await LoopbackHTTP.send("GET", server.url("/readyz"))
            #expect(broken.status == 503)
            #expect(broken.text.contains(server.cache), "\(broken.text)")
            unlink(server.cache)
            try #require(rename(moved, server.cache) == 0)
            #expect(try await LoopbackHTTP.send("GET", server.url("/readyz")).status == 200)
            #expect(try await LoopbackHTTP.send("GET", server.url("/healthz")).status == 200)
        }
    }
}
