import Foundation
import TestSupport
import Testing

/// What `check-svg` says about the drawn logo, and `--render OUT.png [--height N]`, as the built binary.
@Suite struct CheckSVGRenderTests {
    static let logos = TestWeb.repositoryRoot.appendingPathComponent("Tests/LogoRenderingTests/Logos").path
    static let corpus = TestWeb.repositoryRoot.appendingPathComponent("Tests/SVGValidationTests/Corpus").path

    static func temporaryFile(_ name: String) -> String {
        Scratch.url.appendingPathComponent("orgprofile-\(UUID().uuidString)-\(name)").path
    }

    @Test func whiteOnTransparentIsAcceptedWithAWarningAndThemeLight() async throws {
        let result = try await BuiltBinary.run(["check-svg", "\(Self.logos)/white-on-transparent.svg"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("warning[usability.invisible-on-white]"))
        #expect(result.stdout.contains("theme light"))
    }

    @Test func anUnpaintedLogoIsRejectedAsBlank() async throws {
        let result = try await BuiltBinary.run(["check-svg", "--json", "\(Self.logos)/blank-transparent.svg"])
        #expect(result.status == 1)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.first?["verdict"] as? String == "rejected")
        let codes = (reports.first?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("usability.blank-render"))
    }

    @Test func jsonCarriesTheRendering() async throws {
        let result = try await BuiltBinary.run([
            "check-svg", "--json", "\(Self.logos)/mostly-margin.svg", "\(Self.corpus)/reject/gzip-compressed.svg",
        ])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let rendering = try #require(reports[0]["rendering"] as? [String: Any])
        #expect(rendering["kind"] as? String == "icon")
        #expect(rendering["theme"] as? String == "dark")
        #expect(rendering["brandColours"] as? [String] == ["#006633"])
        #expect(rendering["trimmedBox"] is [String: Any])
        let codes = (reports[0]["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes == ["usability.mostly-margin"])
        // A rejected file is never drawn.
        #expect(reports[1]["rendering"] is NSNull)
    }

    @Test func renderWritesAPNGOfTheAskedHeight() async throws {
        let output = Self.temporaryFile("afs.png")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let result = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/accept/afs.svg", "--render", output, "--height", "100"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let header = try #require(PNGHeader(try Data(contentsOf: URL(fileURLWithPath: output))), "not a PNG")
        #expect(header.height == 100)
        // 3: a palette (at most 256 colours), 6: RGBA (docs/logo-rendering.md).
        #expect([3, 6].contains(header.colourType))
        #expect(result.stdout.contains("\(output): \(header.width)×100 PNG"))
    }

    @Test func renderRefusesARejectedFileAndWritesNothing() async throws {
        let output = Self.temporaryFile("script.png")
        let result = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/reject/script-in-metadata.svg", "--render", output])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(result.stdout.contains("not rendered"))
    }

    @Test func renderTakesOneFileAndASaneHeight() async throws {
        let two = try await BuiltBinary.run([
            "check-svg", "--render", Self.temporaryFile("x.png"), "\(Self.corpus)/accept/afs.svg", "\(Self.corpus)/accept/mat.svg",
        ])
        #expect(two.status == 64)
        #expect(two.stderr.contains("--render takes exactly one input file"))
        let tall = try await BuiltBinary.run([
            "check-svg", "--render", Self.temporaryFile("x.png"), "--height", "0", "\(Self.corpus)/accept/afs.svg",
        ])
        #expect(tall.status == 64)
        #expect(tall.stderr.contains("--height"))
    }
}
