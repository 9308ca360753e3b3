import FileIO
import Foundation
import OrgModel
import Testing
import TestSupport

@testable import Profiles

/// The review writes without HTTP, in temporary directories: approve, supply, asked, and the
/// audit log each appends to.
@Suite struct ReviewWriterTests {
    typealias Base = ProfileAssemblerTests
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let hostileSVG = Data(
        #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script><rect width="10" height="10"/></svg>"#
            .utf8)
    static let invisibleSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff" opacity="0"/></svg>"##
            .utf8)

    struct Directories {
        let cache: String
        let state: String
        let overrides: String
        let writer: ReviewWriter

        init(overrides: Bool = true) throws {
            let root = Scratch.url.appendingPathComponent("orgprofile-review-\(UUID().uuidString)").path
            cache = "\(root)/cache"
            state = "\(root)/state"
            self.overrides = "\(root)/overrides"
            writer = ReviewWriter(cacheDirectory: cache, stateDirectory: state, overridesDirectory: overrides ? self.overrides : nil)
        }

        func storePrevious() async throws {
            try await ProfileStore(root: cache).save(Base.previous(), logoBytes: Base.goodSVG)
        }

        var stateFile: String { "\(state)/review/\(Base.orgnr).json" }
        var auditLines: [String] {
            (FileManager.default.contents(atPath: "\(state)/audit.log").map { String(decoding: $0, as: UTF8.self) } ?? "")
                .split(separator: "\n").map(String.init)
        }
    }

    @Test func approvingPinsTheCurrentValueRecordsItAndShowsItInTheProfile() async throws {
        let dirs = try Directories()
        try await dirs.storePrevious()
        let approval = try dirs.writer.approve(Base.orgnr, field: .logo, by: "anne", at: Self.now)
        #expect(approval.sha256 == SHA256.hex(Base.goodSVG))

        let state = try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr)
        #expect(state.approved.logo == approval && state.approved.email == nil)
        let profile = try #require(try ProfileStore(root: dirs.cache).load(Base.orgnr))
        #expect(profile.approved?.logo == approval, "the profile shows the approval without waiting for a refresh")

        try dirs.writer.approve(Base.orgnr, field: .phone, by: "bo", at: Self.now)
        let both = try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr).approved
        #expect(both.logo == approval && both.phone?.value == "+4722451000" && both.phone?.by == "bo")

        let lines = dirs.auditLines
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["action"] as? String == "approve" && first["by"] as? String == "anne" && first["orgnr"] as? String == Base.orgnr)
        #expect(first["field"] as? String == "logo" && first["at"] as? String == "2027-01-15T08:00:00Z")
    }

    @Test func approvingWhatIsNotThereIsRefusedWithASentenceAndWritesNothing() async throws {
        let dirs = try Directories()
        #expect(throws: ReviewError.self) { try dirs.writer.approve(Base.orgnr, field: .logo, by: "anne", at: Self.now) }
        do {
            try dirs.writer.approve("991825828", field: .logo, by: "anne", at: Self.now)
            Issue.record("a bad check digit was accepted")
        } catch {
            #expect(error.kind == .badInput && error.message.contains("991825828"), "\(error)")
        }
        var profile = Base.previous()
        profile.email = nil
        try await ProfileStore(root: dirs.cache).save(profile, logoBytes: Base.goodSVG)
        do {
            try dirs.writer.approve(Base.orgnr, field: .email, by: "anne", at: Self.now)
            Issue.record("an absent email was approved")
        } catch {
            #expect(error.kind == .badInput && error.message.contains("no email"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: dirs.stateFile))
        #expect(dirs.auditLines.isEmpty)
    }

    @Test func aHostileLogoIsRejectedWithItsFindingsAndNothingIsWritten() throws {
        let dirs = try Directories()
        do {
            try dirs.writer.supply(Base.orgnr, logo: Self.hostileSVG, email: "post@etat.no", phone: nil, by: "anne", at: Self.now)
            Issue.record("a logo with a script was accepted")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.findings.contains { $0.contains("script") }, "\(error.findings)")
            #expect(error.findings.allSatisfy { $0.hasSuffix(")") && $0.contains(" ") }, "findings are sentences: \(error.findings)")
        }
        do {
            try dirs.writer.supply(Base.orgnr, logo: Self.invisibleSVG, email: nil, phone: nil, by: "anne", at: Self.now)
            Issue.record("an invisible logo was accepted")
        } catch {
            #expect(error.kind == .badInput && !error.findings.isEmpty, "\(error)")
        }
        #expect((try? FileManager.default.contentsOfDirectory(atPath: dirs.overrides)) ?? [] == [])
        #expect(dirs.auditLines.isEmpty)
    }

    @Test func aGoodLogoAndContactsAreWrittenToTheOverridesMergedWithWhatIsThere() throws {
        let dirs = try Directories()
        try FileManager.default.createDirectory(atPath: dirs.overrides, withIntermediateDirectories: true)
        try Data(#"{"phone": "22 45 10 00", "comment": "kept"}"#.utf8).write(
            to: URL(fileURLWithPath: "\(dirs.overrides)/\(Base.orgnr).json"))
        let supplied = try dirs.writer.supply(
            Base.orgnr, logo: Base.goodSVG, email: " Post@Digdir.no ", phone: "", by: "anne", at: Self.now)
        #expect(supplied.fields == [.logo, .email])
        #expect(FileManager.default.contents(atPath: "\(dirs.overrides)/\(Base.orgnr).svg") == Base.goodSVG)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dirs.overrides)/\(Base.orgnr).json")))
                as? [String: String])
        #expect(json == ["email": "post@digdir.no", "phone": "22 45 10 00", "comment": "kept"])
        // What the refresh reads from there is what was supplied.
        let values = OperatorOverrides(directory: dirs.overrides).values(for: Base.orgnr)
        #expect(values.svg == Base.goodSVG && values.email == "post@digdir.no")
        let entry = try #require(ReviewAuditLog(stateDirectory: dirs.state).entries().last)
        #expect(entry.action == "supply" && entry.sha256 == SHA256.hex(Base.goodSVG) && entry.files?.count == 2)
    }

    @Test func badContactsAndAMissingOverridesDirectoryAreRefusedWithWhatToDo() throws {
        let dirs = try Directories()
        #expect(throws: ReviewError.self) {
            try dirs.writer.supply(Base.orgnr, logo: nil, email: "not an address", phone: nil, by: "anne", at: Self.now)
        }
        do {
            try dirs.writer.supply(Base.orgnr, logo: nil, email: nil, phone: "12", by: "anne", at: Self.now)
            Issue.record("a two-digit phone was accepted")
        } catch {
            #expect(error.message.contains("'12'") && error.message.contains("Norwegian phone number"), "\(error)")
        }
        do {
            try dirs.writer.supply(Base.orgnr, logo: nil, email: nil, phone: nil, by: "anne", at: Self.now)
            Issue.record("an empty supply was accepted")
        } catch {
            #expect(error.kind == .badInput)
        }
        #expect(!FileManager.default.fileExists(atPath: dirs.overrides))
        let unconfigured = try Directories(overrides: false)
        do {
            try unconfigured.writer.supply(Base.orgnr, logo: Base.goodSVG, email: nil, phone: nil, by: "anne", at: Self.now)
            Issue.record("supply without an overrides directory was accepted")
        } catch {
            #expect(error.kind == .notConfigured && error.message.contains("overrides-dir"), "\(error)")
        }
    }

    @Test func supplyingAFieldWithdrawsItsApproval() async throws {
        let dirs = try Directories()
        try await dirs.storePrevious()
        try dirs.writer.approve(Base.orgnr, field: .logo, by: "anne", at: Self.now)
        try dirs.writer.approve(Base.orgnr, field: .email, by: "anne", at: Self.now)
        try dirs.writer.supply(Base.orgnr, logo: ReviewPinningTests.otherSVG, email: nil, phone: nil, by: "bo", at: Self.now)
        let approved = try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr).approved
        #expect(approved.logo == nil && approved.email?.value == "postmottak@digdir.no")
    }

    @Test func askedIsRecordedWithItsDateAndNote() throws {
        let dirs = try Directories()
        try dirs.writer.recordAsked(Base.orgnr, date: "2026-12-01", note: "e-post til <kommunikasjon>", by: "anne", at: Self.now)
        try dirs.writer.recordAsked(Base.orgnr, date: "2026-12-03", note: "", by: "bo", at: Self.now)
        let state = try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr)
        #expect(state.asked.map(\.date) == ["2026-12-01", "2026-12-03"])
        #expect(state.asked.first?.note == "e-post til <kommunikasjon>" && state.asked.first?.by == "anne")
        let raw = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dirs.stateFile))) as? [String: Any])
        let asked = try #require((raw["asked"] as? [[String: Any]])?.first)
        #expect(Set(asked.keys) == ["date", "note", "by", "at"])
        #expect(dirs.auditLines.count == 2)

        for bad in ["2026-02-30", "1.12.2026", "2026-12-1", ""] {
            do {
                try dirs.writer.recordAsked(Base.orgnr, date: bad, note: "x", by: "anne", at: Self.now)
                Issue.record("'\(bad)' was accepted as a date")
            } catch {
                #expect(error.kind == .badInput && error.message.contains("YYYY-MM-DD"), "\(error)")
            }
        }
        #expect(try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr).asked.count == 2)
    }

    @Test func aDamagedStateFileIsNeverReplaced() throws {
        let dirs = try Directories()
        try FileManager.default.createDirectory(atPath: "\(dirs.state)/review", withIntermediateDirectories: true)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: dirs.stateFile))
        do {
            try dirs.writer.recordAsked(Base.orgnr, date: "2026-12-01", note: "", by: "anne", at: Self.now)
            Issue.record("a damaged state file was overwritten")
        } catch {
            #expect(error.kind == .store && error.message.contains(dirs.stateFile), "\(error)")
        }
        #expect(FileManager.default.contents(atPath: dirs.stateFile) == Data("not json".utf8))
    }

    @Test func concurrentWritesToOneOrganisationAreAllKept() async throws {
        let dirs = try Directories()
        let writer = dirs.writer
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    _ = try? writer.recordAsked(Base.orgnr, date: "2026-12-01", note: "\(index)", by: "anne", at: Self.now)
                }
            }
        }
        #expect(try ReviewStore(stateDirectory: dirs.state).load(Base.orgnr).asked.count == 20)
        #expect(dirs.auditLines.count == 20)
    }
}
