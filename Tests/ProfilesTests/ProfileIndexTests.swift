import Foundation
import Testing
import TestSupport

@testable import Profiles

@Suite struct ProfileIndexTests {
    static func directory() -> String {
        let path = Scratch.root + "/orgprofile-index-\(UUID().uuidString.prefix(8))/profiles"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ directory: String, _ number: String, status: String = "active", logo: Bool = true, refreshed: String) throws {
        let logoPart = logo ? #""logo": {"file": "logos/x.svg"},"# : ""
        let text = """
            {
              "organisationNumber": "\(number)", \(logoPart)
              "name": {"display": "A \\"quoted\\" name, with  spaces"},
              "problems": [{"code": "site.timeout", "message": "x"}],
              "refreshedAt": "\(refreshed)",
              "status": "\(status)"
            }

            """
        let path = "\(directory)/\(number).json"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + ".tmp"))
        #expect(rename(path + ".tmp", path) == 0)
    }

    @Test func snapshotHoldsEveryProfileCompactedAndFollowsChanges() throws {
        let directory = Self.directory()
        try Self.write(directory, "974760673", refreshed: "2026-11-24T21:00:00Z")
        try Self.write(directory, "991825827", status: "deleted", logo: false, refreshed: "2026-11-25T21:00:00Z")
        let index = ProfileIndex(profilesDirectory: directory)
        let first = try index.snapshot()
        #expect(first.entries.map(\.organisationNumber) == ["974760673", "991825827"])
        let entry = try #require(first.entry("991825827"))
        #expect(entry.status == "deleted" && !entry.hasLogo && !entry.hasEmail)
        #expect(entry.problemCodes == ["site.timeout"])
        // Whitespace between tokens goes, whitespace inside strings stays.
        let compact = String(decoding: entry.compactJSON, as: UTF8.self)
        #expect(!compact.contains("\n") && compact.contains(#""A \"quoted\" name, with  spaces""#))
        let document = try JSONSerialization.jsonObject(with: Data(first.document)) as? [String: Any]
        #expect((document?["profiles"] as? [Any])?.count == 2)

        // Unchanged: the same snapshot. A profile added or replaced: seen, and a new digest.
        #expect(try index.snapshot().sha256 == first.sha256)
        try Self.write(directory, "985399077", refreshed: "2026-11-26T21:00:00Z")
        let second = try index.snapshot()
        #expect(second.entries.count == 3)
        #expect(second.sha256 != first.sha256)
        try Self.write(directory, "974760673", status: "unknown", refreshed: "2026-11-27T21:00:00Z")
        #expect(try index.snapshot().entry("974760673")?.status == "unknown")

        // A file that is not a profile is left out and named, never served in part.
        try Data("{\"organisationNumber\": ".utf8).write(to: URL(fileURLWithPath: "\(directory)/923609016.json"))
        let third = try index.snapshot()
        #expect(third.entry("923609016") == nil)
        #expect(third.unreadable["923609016.json"] != nil)
        unlink("\(directory)/985399077.json")
        #expect(try index.snapshot().entry("985399077") == nil)
    }
}
