import Discovery
import FileIO
import Foundation
import LogoRendering
import OrgModel
import Registry
import SVGValidation
import TestSupport
import Testing

@testable import Profiles

/// What rendering adds to a profile (schema version 2), what the store does with the renditions,
/// and that version 1 profiles are still read.
@Suite struct LogoRenderingProfileTests {
    static let orgnr = ProfileAssemblerTests.orgnr
    static let assembler = ProfileAssemblerTests.assembler
    static let whiteSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><rect x="5" y="5" width="90" height="30" fill="#fff"/></svg>"##
            .utf8)
    static let unpaintedSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><rect x="5" y="5" width="90" height="30" fill="none"/></svg>"##
            .utf8)

    static func discovered(_ svg: Data) -> DiscoveryResult {
        let candidate = LogoCandidate(
            source: .headerHomeLink, url: "https://www.digdir.no/logo.svg", inlineSVG: nil, element: "img", score: 90, reasons: [])
        let chosen = EvaluatedLogoCandidate(
            candidate: candidate, outcome: .accepted, validation: SVGValidator().validate([UInt8](svg)), svg: svg, confidence: 0.9)
        return DiscoveryResult(
            documentURL: "https://www.digdir.no/", candidates: [chosen], logo: chosen, emails: [], phones: [], nameHints: [],
            problems: [])
    }

    /// The assembler draws logos synchronously: run it off the cooperative pool, so that other
    /// tests' timers and I/O are not held up meanwhile.
    static func assemble(
        previous: Profile?, discovery: DiscoveryResult, overrides: OperatorOverrides.Values? = nil
    ) async throws -> ProfileAssembly {
        let record = try ProfileAssemblerTests.record()
        return await offTheCooperativePool {
            assembler.assemble(
                orgnr, previous: previous, register: .success(.active(record)), discovery: discovery, overrides: overrides,
                now: ProfileAssemblerTests.now)
        }
    }

    static func temporaryDirectory() -> String {
        Scratch.url.appendingPathComponent("orgprofile-render-\(UUID().uuidString)").path
    }

    @Test func aDrawnLogoHasKindThemeColoursAndTwoRenditions() async throws {
        let assembly = try await Self.assemble(previous: nil, discovery: Self.discovered(ProfileAssemblerTests.goodSVG))
        let logo = try #require(assembly.profile?.logo)
        #expect(assembly.profile?.schemaVersion == 2)
        #expect(logo.kind == .wordmark && logo.theme == .dark)
        #expect(logo.brandColours == ["#003366"])
        #expect(logo.rendering?.findings == [])
        let renditions = try #require(logo.renditions)
        #expect(renditions.map(\.height) == [64, 256])
        #expect(renditions.map(\.format) == ["png", "png"])
        let sha = SHA256.hex(ProfileAssemblerTests.goodSVG)
        #expect(
            renditions.map(\.file) == ["logos/\(Self.orgnr)-\(sha.prefix(16))-h64.png", "logos/\(Self.orgnr)-\(sha.prefix(16))-h256.png"])
        for rendition in renditions {
            #expect(assembly.renditionBytes[rendition.file]?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        }
    }

    @Test func aWhiteLogoIsKeptAsThemeLightAndTheProfileSaysSo() async throws {
        let assembly = try await Self.assemble(previous: nil, discovery: Self.discovered(Self.whiteSVG))
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.theme == .light)
        #expect(profile.logo?.rendering?.findings.map(\.code) == ["usability.invisible-on-white"])
        #expect(profile.problems.map(\.code).contains(.logoLightOnly))
    }

    @Test func aBlankLogoIsNotUsedAndTheLastGoodOneStays() async throws {
        let assembly = try await Self.assemble(previous: ProfileAssemblerTests.previous(), discovery: Self.discovered(Self.unpaintedSVG))
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.sha256 == ProfileAssemblerTests.previous().logo?.sha256)
        #expect(profile.logo?.stale == true)
        #expect(assembly.logoBytes == nil && assembly.renditionBytes.isEmpty)
        let problems = profile.problems.map(\.code)
        #expect(problems.contains(.logoRenderRejected) && problems.contains(.logoKeptStale))
        #expect(profile.problems.first { $0.code == .logoRenderRejected }?.message.contains("nothing visible") == true)
    }

    @Test func aHandSuppliedBlankLogoIsRejectedWithTheReason() async throws {
        var overrides = OperatorOverrides.Values()
        overrides.svg = Self.unpaintedSVG
        let assembly = try await Self.assemble(previous: nil, discovery: ProfileAssemblerTests.foundNothing, overrides: overrides)
        let profile = try #require(assembly.profile)
        #expect(profile.logo == nil)
        #expect(profile.problems.first { $0.code == .overrideLogoRejected }?.message.contains("nothing visible") == true)
    }

    @Test func theStoreWritesRenditionsAndRemovesThemWithTheirLogo() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let first = try await Self.assemble(previous: nil, discovery: Self.discovered(ProfileAssemblerTests.goodSVG))
        _ = await store.save(first)
        let firstFiles = try #require(first.profile?.logo?.files)
        let firstRenditions = try #require(first.profile?.logo?.renditions).map(\.file)
        #expect(firstRenditions.count == 2 && firstRenditions.allSatisfy(firstFiles.contains))
        for file in firstFiles { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file)), "\(file)") }

        let second = try await Self.assemble(previous: try store.load(Self.orgnr), discovery: Self.discovered(Self.whiteSVG))
        _ = await store.save(second)
        for file in firstFiles { #expect(!FileManager.default.fileExists(atPath: store.absolutePath(file)), "\(file) left behind") }
        let stored = try #require(try store.load(Self.orgnr))
        #expect(stored.logo?.renditions?.count == 2)
        for file in stored.logo?.files ?? [] { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file))) }
        let left = try FileManager.default.contentsOfDirectory(atPath: store.logosDirectory).filter { !$0.hasPrefix(".") }
        #expect(Set(left.map { "logos/\($0)" }) == Set(stored.logo?.files ?? []), "only the files the profile names")
    }

    @Test func theSameLogoAgainReusesTheStoredRenditions() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let discovered = Self.discovered(ProfileAssemblerTests.goodSVG)
        _ = await store.save(try await Self.assemble(previous: nil, discovery: discovered))
        let again = try await Self.assemble(previous: try store.load(Self.orgnr), discovery: discovered)
        #expect(again.profile?.logo?.renditions?.count == 2)
        #expect(again.profile?.logo?.kind == .wordmark)
        #expect(again.renditionBytes.isEmpty, "nothing drawn again")
        #expect(again.profile?.logo?.renditions == (try store.load(Self.orgnr))?.logo?.renditions)
    }

    @Test func aProfileNeverNamesAMissingRendition() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let assembly = try await Self.assemble(previous: nil, discovery: Self.discovered(ProfileAssemblerTests.goodSVG))
        let profile = try #require(assembly.profile)
        // The 256 px PNG is not handed to the store: it must not be named.
        let kept = try #require(profile.logo?.renditions?.first)
        try await store.save(profile, logoBytes: assembly.logoBytes, renditionBytes: [kept.file: assembly.renditionBytes[kept.file]!])
        #expect(try store.load(Self.orgnr)?.logo?.renditions == [kept])
    }

    @Test func theStartUpSweepRemovesRenditionsNoProfileNames() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let assembly = try await Self.assemble(previous: nil, discovery: Self.discovered(ProfileAssemblerTests.goodSVG))
        _ = await store.save(assembly)
        let orphan = "\(store.logosDirectory)/\(Self.orgnr)-00000000deadbeef-h64.png"
        try Data([0x89]).write(to: URL(fileURLWithPath: orphan))
        #expect(try store.removeUnreferencedLogos() == 1)
        #expect(!FileManager.default.fileExists(atPath: orphan))
        for file in assembly.profile?.logo?.files ?? [] { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file))) }
    }

    @Test func aVersion1ProfileIsStillRead() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        try store.prepare()
        let sha = String(repeating: "ab", count: 32)
        let text = """
            {"schemaVersion": 1, "organisationNumber": "\(Self.orgnr)", "status": "active",
             "logo": {"file": "logos/\(Self.orgnr)-abababababababab.svg", "sha256": "\(sha)", "foundBy": "inline-svg",
                      "confidence": 0.9, "validation": {"verdict": "accepted", "findings": []}, "stale": false,
                      "retrievedAt": "2025-01-01T00:00:00Z"},
             "problems": [], "refreshedAt": "2025-01-01T00:00:00Z"}
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: store.profilePath(Self.orgnr)))
        let profile = try #require(try store.load(Self.orgnr))
        #expect(profile.schemaVersion == 1)
        #expect(profile.logo?.sha256 == sha)
        #expect(profile.logo?.kind == nil && profile.logo?.renditions == nil && profile.logo?.rendering == nil)
        #expect(profile.logo?.files == ["logos/\(Self.orgnr)-abababababababab.svg"])
    }
}
