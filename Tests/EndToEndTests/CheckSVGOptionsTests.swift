import Foundation
import TestSupport
import Testing

/// `check-svg --profile`, the `tinyPS` key and `--repair`, run as the built binary.
@Suite struct CheckSVGOptionsTests {
    static let corpus = TestWeb.repositoryRoot.appendingPathComponent("Tests/SVGValidationTests/Corpus").path

    static func temporaryFile(_ name: String) -> String {
        Scratch.url.appendingPathComponent("orgprofile-\(UUID().uuidString)-\(name)").path
    }

    @Test func tinyPSProfileRejectsWhatTheDefaultAcceptsAndSaysWhy() async throws {
        let file = "\(Self.corpus)/accept/hemit.svg"
        let relaxed = try await BuiltBinary.run(["check-svg", file])
        #expect(relaxed.status == 0)
        #expect(relaxed.stdout.contains("hemit.svg: accepted; Tiny PS: does not conform"))
        #expect(relaxed.stdout.contains("tiny-ps error[tinyps.base-profile]"))
        let strict = try await BuiltBinary.run(["check-svg", "--profile", "tiny-ps", file])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains(": error[tinyps.base-profile]"))
        #expect(strict.stdout.contains("hemit.svg: rejected"))
    }

    @Test func jsonCarriesTinyPSBesideTheVerdict() async throws {
        let result = try await BuiltBinary.run([
            "check-svg", "--json", "\(Self.corpus)/accept/mat.svg", "\(Self.corpus)/reject/gzip-compressed.svg",
        ])
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        let tinyPS = try #require(reports[0]["tinyPS"] as? [String: Any])
        #expect(tinyPS["conforms"] as? Bool == false)
        #expect((tinyPS["findings"] as? [[String: Any]])?.contains { $0["code"] as? String == "tinyps.title" } == true)
        #expect(reports[0]["verdict"] as? String == "accepted")
        #expect(reports[1].keys.contains("tinyPS") && reports[1]["tinyPS"] is NSNull)
    }

    @Test func tinyPSCopyIsWrittenWithTheTitleAndPassesTheTinyPSProfile() async throws {
        let output = Self.temporaryFile("hemit.tiny-ps.svg")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let input = "\(Self.corpus)/accept/hemit.svg"
        let result = try await BuiltBinary.run(["check-svg", input, "--tiny-ps-copy", output, "--title", "Helse Midt-Norge IT"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\(output): Tiny PS copy of \(input)"))
        #expect(result.stdout.contains("fixed: version, base-profile, title"))
        #expect(result.stdout.contains("stylesheet"))
        let copy = try String(contentsOfFile: output, encoding: .utf8)
        #expect(copy.contains("<title>Helse Midt-Norge IT</title>"))
        let check = try await BuiltBinary.run(["check-svg", "--profile", "tiny-ps", output])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("accepted; Tiny PS: conforms"))
    }

    @Test func tinyPSCopyIsNotWrittenWhenTheDrawingWouldChangeAndSaysWhy() async throws {
        let output = Self.temporaryFile("mat.tiny-ps.svg")
        let result = try await BuiltBinary.run([
            "check-svg", "--json", "\(Self.corpus)/accept/mat.svg", "--tiny-ps-copy", output, "--title", "Mattilsynet",
        ])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let copy = try #require(reports.first?["tinyPSCopy"] as? [String: Any])
        #expect(copy["file"] is NSNull)
        let blockers = try #require(copy["blockers"] as? [[String: Any]])
        #expect(blockers.contains { $0["code"] as? String == "tinyps.element" && ($0["message"] as? String)?.contains("clipPath") == true })
        #expect((copy["fixes"] as? [String])?.contains("title") == true)
        // Human output says the same in words.
        let human = try await BuiltBinary.run(["check-svg", "\(Self.corpus)/accept/mat.svg", "--tiny-ps-copy", output])
        #expect(human.status == 1)
        #expect(human.stdout.contains("no Tiny PS copy: blocked by"))
        #expect(human.stdout.contains("clipPath"))
        #expect(human.stdout.contains("--title"))
    }

    @Test func repairWritesACleanedCopyAndReportsBothVerdicts() async throws {
        let output = Self.temporaryFile("dpa.svg")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let input = "\(Self.corpus)/accept/dpa.svg"
        let result = try await BuiltBinary.run(["check-svg", "--repair", output, input])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("dpa.svg: accepted (original)"))
        #expect(result.stdout.contains("\(output): accepted (repaired copy)"))
        let copy = try String(contentsOfFile: output, encoding: .utf8)
        let original = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(copy.utf8.count < original.count)
        #expect(!copy.contains("sodipodi") && !copy.contains("<!--"))
    }

    @Test func repairRefusesAFileWithSecurityErrorsAndWritesNothing() async throws {
        let output = Self.temporaryFile("script.svg")
        let result = try await BuiltBinary.run(["check-svg", "--json", "--repair", output, "\(Self.corpus)/reject/script-in-metadata.svg"])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: output))
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 1)
        #expect(reports[0]["verdict"] as? String == "rejected")
        #expect((reports[0]["error"] as? String)?.contains("security") == true)
    }

    @Test func repairTakesExactlyOneInput() async throws {
        let result = try await BuiltBinary.run([
            "check-svg", "--repair", Self.temporaryFile("x.svg"), "\(Self.corpus)/accept/mat.svg", "\(Self.corpus)/accept/nb.svg",
        ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("exactly one input file"))
    }
}
