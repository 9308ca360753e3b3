import FileIO
import Foundation
import OrgModel
import SVGValidation
import Testing
import TestSupport

@testable import Profiles

@Suite struct ProfileStoreTests {
    static func temporaryDirectory() -> String {
        let path = Scratch.url.appendingPathComponent("orgprofile-store-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func profile(_ orgnr: String = "991825827", logoFile: String? = nil, sha: String = "") -> Profile {
        Profile(
            schemaVersion: 1, organisationNumber: orgnr, status: .active,
            name: .init(registered: "DIGITALISERINGSDIREKTORATET", display: "Digitaliseringsdirektoratet", displaySource: "og:site_name"),
            organisationForm: nil, registryURL: nil, website: "https://www.digdir.no/", websiteResolved: nil, deletedOn: nil,
            logo: logoFile.map {
                Profile.Logo(
                    file: $0, sourceURL: "https://www.digdir.no/logo.svg", foundOn: nil, sha256: sha, foundBy: .headerHomeLink,
                    confidence: 0.9, validation: SVGReport(findings: []), stale: false, retrievedAt: Date(timeIntervalSince1970: 0))
            },
            email: nil, phone: nil, problems: [], refreshedAt: Date(timeIntervalSince1970: 1_000_000_000))
    }

    @Test func savesAndLoadsAProfileRoundTrip() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        let original = Self.profile()
        try await store.save(original, logoBytes: nil)
        #expect(try store.load("991825827") == original)
        let text = try String(contentsOfFile: store.profilePath("991825827"), encoding: .utf8)
        #expect(text.contains("\"schemaVersion\" : 1"))
        #expect(text.contains("\"refreshedAt\" : \"2001-09-09T01:46:40Z\""))
    }

    @Test func leavesNoTemporaryFilesBehind() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        let svg = Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)
        let sha = SHA256.hex(svg)
        try await store.save(Self.profile(logoFile: store.logoFile("991825827", sha256: sha), sha: sha), logoBytes: svg)
        let profiles = try FileManager.default.contentsOfDirectory(atPath: store.profilesDirectory)
        let logos = try FileManager.default.contentsOfDirectory(atPath: store.logosDirectory)
        #expect(profiles == ["991825827.json"])
        #expect(logos == ["991825827-\(sha.prefix(16)).svg"])
    }

    @Test func aNewLogoReplacesTheOldFileOnlyAfterTheProfileNamesIt() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        let first = Data("<svg xmlns='http://www.w3.org/2000/svg' id='a'/>".utf8)
        let second = Data("<svg xmlns='http://www.w3.org/2000/svg' id='b'/>".utf8)
        let firstFile = store.logoFile("991825827", sha256: SHA256.hex(first))
        let secondFile = store.logoFile("991825827", sha256: SHA256.hex(second))
        try await store.save(Self.profile(logoFile: firstFile, sha: SHA256.hex(first)), logoBytes: first)
        try await store.save(Self.profile(logoFile: secondFile, sha: SHA256.hex(second)), logoBytes: second)
        #expect(FileManager.default.contents(atPath: store.absolutePath(secondFile)) == second)
        #expect(!FileManager.default.fileExists(atPath: store.absolutePath(firstFile)))
        #expect(try store.load("991825827")?.logo?.file == secondFile)
    }

    /// A save removes only the logo the previous profile named; files left by interrupted
    /// writers go in the sweep, among thousands of other names (of every length, so directory
    /// entries of every size): unnamed `<orgnr>-*.svg` go, named ones and anything else stay.
    /// A profile naming `logo` and its Tiny PS copy (or a blocked copy when `copy` is nil).
    static func profileWithCopy(_ store: ProfileStore, logo: Data, copy: Data?) -> Profile {
        let sha = SHA256.hex(logo)
        let logoFile = store.logoFile("991825827", sha256: sha)
        var profile = profile(logoFile: logoFile, sha: sha)
        profile.logo?.tinyPS = Profile.TinyPS(
            file: copy.map { _ in store.tinyPSFile(forLogo: logoFile) }, sha256: copy.map(SHA256.hex),
            fixes: [.title], blockers: copy == nil ? [SVGFinding(.tinyPSElement, severity: .error, line: 3, message: "clipPath")] : [])
        return profile
    }

    @Test func theTinyPSCopyIsWrittenWithTheLogoAndRemovedWithIt() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        let first = Data("<svg xmlns='http://www.w3.org/2000/svg' id='a'/>".utf8)
        let firstCopy = Data("<svg xmlns='http://www.w3.org/2000/svg' id='a' baseProfile='tiny-ps'/>".utf8)
        let profile = Self.profileWithCopy(store, logo: first, copy: firstCopy)
        let copyFile = try #require(profile.logo?.tinyPS?.file)
        #expect(copyFile == profile.logo!.file.replacingOccurrences(of: ".svg", with: ".tiny-ps.svg"))
        try await store.save(profile, logoBytes: first, tinyPSBytes: firstCopy)
        #expect(FileManager.default.contents(atPath: store.absolutePath(copyFile)) == firstCopy)
        #expect(try store.load("991825827") == profile)
        // The sweep keeps a copy its profile names.
        #expect(try store.removeUnreferencedLogos() == 0)
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(copyFile)))

        // Same logo, a new title: the copy is rewritten in place.
        let retitled = Data("<svg xmlns='http://www.w3.org/2000/svg' id='a' baseProfile='tiny-ps'><title>B</title></svg>".utf8)
        try await store.save(Self.profileWithCopy(store, logo: first, copy: retitled), logoBytes: first, tinyPSBytes: retitled)
        #expect(FileManager.default.contents(atPath: store.absolutePath(copyFile)) == retitled)

        // Same logo, copy now blocked: the old copy goes once the profile no longer names it.
        try await store.save(Self.profileWithCopy(store, logo: first, copy: nil), logoBytes: first, tinyPSBytes: nil)
        #expect(!FileManager.default.fileExists(atPath: store.absolutePath(copyFile)))
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(profile.logo!.file)))

        // A new logo with a copy, then no logo at all: every file of the old ones goes.
        let second = Data("<svg xmlns='http://www.w3.org/2000/svg' id='b'/>".utf8)
        let withSecond = Self.profileWithCopy(store, logo: second, copy: firstCopy)
        try await store.save(withSecond, logoBytes: second, tinyPSBytes: firstCopy)
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(withSecond.logo!.tinyPS!.file!)))
        try await store.save(Self.profile(), logoBytes: nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.logosDirectory) == [])
    }

    @Test func aLeftoverCopyNoProfileNamesGoesInTheSweep() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        let logo = Data("<svg xmlns='http://www.w3.org/2000/svg' id='a'/>".utf8)
        try await store.save(Self.profileWithCopy(store, logo: logo, copy: nil), logoBytes: logo, tinyPSBytes: nil)
        let stray = store.tinyPSFile(forLogo: store.logoFile("991825827", sha256: SHA256.hex(logo)))
        try Data("<svg/>".utf8).write(to: URL(fileURLWithPath: store.absolutePath(stray)))
        #expect(try store.removeUnreferencedLogos() == 1)
        #expect(!FileManager.default.fileExists(atPath: store.absolutePath(stray)))
    }

    @Test func aVersion1ProfileWithoutTinyPSIsStillRead() throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        try store.prepare()
        let json = String(decoding: try Profile.encoder().encode(Self.profile(logoFile: "logos/991825827-00.svg")), as: UTF8.self)
        #expect(!json.contains("tinyPS"))
        try Data(json.utf8).write(to: URL(fileURLWithPath: store.profilePath("991825827")))
        #expect(try store.load("991825827")?.logo?.tinyPS == nil)
    }

    @Test func theSweepRemovesLogosNoProfileNamesAndNothingElse() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        try store.prepare()
        var orphans: [String] = []
        for index in 0..<3000 {
            let name = "logos/99\(String(format: "%07d", index))-\(String(repeating: "a", count: 1 + index % 200)).svg"
            _ = FileManager.default.createFile(atPath: store.absolutePath(name), contents: Data())
            orphans.append(name)
        }
        var named: [String] = []
        for index in 0..<50 {
            let orgnr = "97\(String(format: "%07d", index))"
            let svg = Data("<svg xmlns='http://www.w3.org/2000/svg' id='o\(index)'/>".utf8)
            let file = store.logoFile(orgnr, sha256: SHA256.hex(svg))
            try await store.save(Self.profile(orgnr, logoFile: file, sha: SHA256.hex(svg)), logoBytes: svg)
            named.append(file)
        }
        let stale = ["logos/991825827-0000000000000000.svg", "logos/991825827-1111111111111111.svg", "logos/991825827-x.svg"]
        let foreign = ["logos/991825827-keep.png", "logos/9918258270-0.svg", "logos/readme.txt", "logos/991825827-.svg"]
        for name in stale + foreign {
            _ = FileManager.default.createFile(atPath: store.absolutePath(name), contents: Data())
        }
        let svg = Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)
        let file = store.logoFile("991825827", sha256: SHA256.hex(svg))
        try await store.save(Self.profile(logoFile: file, sha: SHA256.hex(svg)), logoBytes: svg)
        // The save itself touches nothing it did not name before.
        for name in stale + orphans.prefix(10) { #expect(FileManager.default.fileExists(atPath: store.absolutePath(name))) }

        #expect(try store.removeUnreferencedLogos() == stale.count + orphans.count)
        for name in stale + orphans { #expect(!FileManager.default.fileExists(atPath: store.absolutePath(name)), "\(name)") }
        for name in named + [file] + foreign { #expect(FileManager.default.fileExists(atPath: store.absolutePath(name)), "\(name)") }
        #expect(try store.removeUnreferencedLogos() == 0)
    }

    @Test func aProfileThatCannotBeReadKeepsItsLogosInTheSweep() throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        try store.prepare()
        let logo = "logos/991825827-0000000000000000.svg"
        _ = FileManager.default.createFile(atPath: store.absolutePath(logo), contents: Data())
        for text in ["{ not a profile", "{}", #"{"organisationNumber": "974760673"}"#] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: store.profilePath("991825827")))
            #expect(try store.removeUnreferencedLogos() == 0, "\(text)")
            #expect(FileManager.default.fileExists(atPath: store.absolutePath(logo)))
        }
    }

    @Test func aSaveRemovesThePreviousLogoOnlyWhenItIsThisOrganisationsLogoFile() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        try store.prepare()
        // A stored profile that names a file outside its own logo names (hand-edited, say).
        let elsewhere = "logos/974760673-0000000000000000.svg"
        _ = FileManager.default.createFile(atPath: store.absolutePath(elsewhere), contents: Data())
        try await store.save(Self.profile(logoFile: elsewhere, sha: "0"), logoBytes: nil)
        try await store.save(Self.profile(logoFile: nil), logoBytes: nil)
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(elsewhere)))
        #expect(ProfileStore.isLogoFileName("logos/991825827-ab.svg", of: "991825827"))
        #expect(!ProfileStore.isLogoFileName("logos/991825827-a/../../x.svg", of: "991825827"))
        #expect(!ProfileStore.isLogoFileName("logos/991825827-.x.svg", of: "991825827"))
        #expect(!ProfileStore.isLogoFileName("profiles/991825827-a.svg", of: "991825827"))
    }

    @Test func aCorruptProfileIsAnErrorNeverSilentlyNil() throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        try store.prepare()
        try Data("{\"schemaVersion\": 1, \"organisationNumber\": ".utf8).write(to: URL(fileURLWithPath: store.profilePath("991825827")))
        #expect(throws: StoreError.self) { try store.load("991825827") }
    }
}
