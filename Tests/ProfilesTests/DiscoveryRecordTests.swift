import Discovery
import Foundation
import Testing
import TestSupport

@testable import Profiles

/// The stored result of a discovery holds what a profile is made from, and not the list of every
/// candidate considered (which only `inspect` shows, from a discovery of its own): decoding the
/// record is the warm refresh's largest cost of its own.
@Suite struct DiscoveryRecordTests {
    @Test func aRecordKeepsTheChosenLogoAndContactsButNotEveryCandidate() throws {
        let directory = Scratch.url.appendingPathComponent("orgprofile-record-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let records = DiscoveryRecords(stateDirectory: directory)
        var result = LogoRenderingProfileTests.discovered(ProfileAssemblerTests.goodSVG)
        result.candidates += result.candidates
        let fetch = DiscoveryRecord.Fetch(
            url: "https://www.digdir.no/", kind: "page", headers: [], bodyLimit: nil, status: 200, effectiveURL: "https://www.digdir.no/")
        records.save(DiscoveryRecord(inputs: "inputs", fetches: [fetch], result: result), for: ProfileAssemblerTests.orgnr)

        let loaded = try #require(records.load(ProfileAssemblerTests.orgnr))
        #expect(loaded.result.candidates.isEmpty)
        #expect(loaded.result.logo?.svg == result.logo?.svg)
        #expect(loaded.result.logo?.validation == result.logo?.validation)
        #expect(loaded.result.documentURL == result.documentURL)
        #expect(loaded.fetches.count == 1 && loaded.inputs == "inputs")
        let text = try String(contentsOfFile: records.path(ProfileAssemblerTests.orgnr), encoding: .utf8)
        #expect(text.components(separatedBy: "\"svg\"").count == 2, "the logo's bytes are stored once")
    }
}
