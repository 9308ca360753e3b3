import Foundation
import TestSupport
import Testing

/// The acceptance test: one `orgprofile refresh` of every sample organisation on the test web,
/// checked against the labels in `Tests/TestWeb/samples.json` (what a person picked by hand for
/// each site: display name, logo, email, phone, expected problems).
@Suite struct SampleOrganisationTests {
    typealias Sample = SiteLabel

    static let samples: [Sample] = SiteLabel.samples

    /// One refresh run for all samples, shared by the per-sample tests. Awaited, not a blocking
    /// `static let`: tests waiting for it must not hold the cooperative pool's two threads (every
    /// other test's timers and I/O stalled for as long as the refresh ran).
    static let refresh = Task { () async throws -> (cache: String, result: BuiltBinary.Result) in
        let cache = Scratch.url.appendingPathComponent("orgprofile-samples-\(UUID().uuidString)").path
        let result = try await BuiltBinary.run(
            ["refresh"] + samples.map(\.orgnr) + ["--cache-dir", cache] + TestWeb.shared.operatorArguments, timeoutSeconds: 300)
        return (cache, result)
    }

    static var run: (cache: String, result: BuiltBinary.Result) {
        get async throws { try await refresh.value }
    }

    static func profile(_ orgnr: String) async throws -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: "\(try await run.cache)/profiles/\(orgnr).json") else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    @Test func thereAreAtLeastEightSampleAgencies() {
        #expect(Self.samples.filter { $0.logo.foundBy != nil }.count >= 8)
    }

    @Test func oneLinePerOrganisation() async throws {
        let lines = try await Self.run.result.stdout.split(separator: "\n")
        #expect(lines.count == Self.samples.count)
        for sample in Self.samples {
            #expect(lines.contains { $0.hasPrefix(sample.orgnr + " ") }, "no line for \(sample.orgnr)")
        }
    }

    /// Every logo the sample refresh saved has PNG renditions beside it: real PNG files (signature,
    /// IHDR) 64 and 256 px high, with the width the profile states, and a kind and theme.
    @Test func everySavedLogoHasRenditionsOfTheRightHeight() async throws {
        let run = try await Self.run
        var logos = 0
        for sample in Self.samples {
            guard let logo = try await Self.profile(sample.orgnr)?["logo"] as? [String: Any] else { continue }
            logos += 1
            let renditions = logo["renditions"] as? [[String: Any]] ?? []
            #expect(renditions.compactMap { $0["height"] as? Int } == [64, 256], "\(sample.orgnr)")
            for rendition in renditions {
                let file = try #require(rendition["file"] as? String)
                #expect(rendition["format"] as? String == "png")
                let bytes = try #require(FileManager.default.contents(atPath: "\(run.cache)/\(file)"), "\(file) missing")
                let header = try #require(PNGHeader(bytes), "\(file) is not a PNG")
                #expect(header.height == rendition["height"] as? Int, "\(file)")
                #expect(header.width == rendition["width"] as? Int, "\(file)")
                #expect([3, 6].contains(header.colourType), "\(file): neither a palette nor RGBA")
            }
            #expect(["wordmark", "symbol", "icon"].contains(logo["kind"] as? String ?? ""), "\(sample.orgnr)")
            #expect(["dark", "light"].contains(logo["theme"] as? String ?? ""), "\(sample.orgnr)")
        }
        #expect(logos >= 8)
    }

    @Test(arguments: samples)
    func profileMatchesTheLabels(_ sample: Sample) async throws {
        let run = try await Self.run
        let profile = try #require(try await Self.profile(sample.orgnr), "no profile written; output: \(run.result.stdout)")
        let name = profile["name"] as? [String: Any]
        #expect(name?["registered"] as? String == sample.registeredName)
        #expect(name?["display"] as? String == sample.displayName)

        let logo = profile["logo"] as? [String: Any]
        #expect(logo?["foundBy"] as? String == sample.logo.foundBy)
        #expect(logo?["sourceURL"] as? String == sample.logo.sourceURL)
        if let file = logo?["file"] as? String {
            let bytes = try #require(FileManager.default.contents(atPath: "\(run.cache)/\(file)"))
            #expect(String(decoding: bytes.prefix(2048), as: UTF8.self).contains("<svg"))
            #expect((logo?["validation"] as? [String: Any])?["verdict"] as? String == "accepted")
        }

        #expect((profile["email"] as? [String: Any])?["value"] as? String == sample.email)
        let phone = profile["phone"] as? [String: Any]
        #expect(phone?["e164"] as? String == sample.phone?.e164)
        #expect(phone?["display"] as? String == sample.phone?.display)

        let problems = (profile["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        for expected in sample.expectProblems {
            #expect(problems.contains(expected), "expected problem \(expected), got \(problems)")
        }
    }

    /// Issue 10's "done means": every logo the sample refresh saves has a Tiny PS answer, and each
    /// copy written passes `check-svg --profile tiny-ps` with the display name as its title.
    @Test func tinyPSCopiesOfTheSampleLogosPassTheTinyPSCheck() async throws {
        let run = try await Self.run
        var copies: [String] = []
        for sample in Self.samples {
            guard let profile = try await Self.profile(sample.orgnr), let logo = profile["logo"] as? [String: Any] else { continue }
            let tinyPS = try #require(logo["tinyPS"] as? [String: Any], "\(sample.orgnr): no logo.tinyPS")
            guard let file = tinyPS["file"] as? String else {
                let blockers = tinyPS["blockers"] as? [[String: Any]] ?? []
                #expect(!blockers.isEmpty, "\(sample.orgnr): no copy and no blockers")
                continue
            }
            #expect((tinyPS["blockers"] as? [Any])?.isEmpty == true)
            #expect(file == (logo["file"] as? String)?.replacingOccurrences(of: ".svg", with: ".tiny-ps.svg"))
            let path = "\(run.cache)/\(file)"
            let check = try await BuiltBinary.run(["check-svg", "--profile", "tiny-ps", path])
            #expect(check.status == 0, "\(sample.orgnr): \(check.stdout)")
            #expect(check.stdout.contains("accepted; Tiny PS: conforms"))
            let display = try #require((profile["name"] as? [String: Any])?["display"] as? String)
            let escaped = display.replacingOccurrences(of: "&", with: "&amp;")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // The logo's own title may stay, with its attributes, when it already says the display name.
            let title = try #require(text.firstRange(of: try Regex("<title[^>]*>([^<]*)</title>")), "\(sample.orgnr): no <title>")
            #expect(text[title].hasSuffix(">\(escaped)</title>"), "\(sample.orgnr): \(text[title])")
            copies.append(file)
        }
        #expect(copies.count >= 3, "only \(copies) got a Tiny PS copy")
    }
}
