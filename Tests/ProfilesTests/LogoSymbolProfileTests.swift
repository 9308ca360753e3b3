import Discovery
import FileIO
import Foundation
import LogoRendering
import OrgModel
import Registry
import SVGValidation
import Testing
import TestSupport

@testable import Profiles

/// `logo.symbol` (issue 10 item 3): the symbol discovery kept beside the wordmark gets its own
/// file and renditions, written with the profile and removed with it like the logo.
@Suite struct LogoSymbolProfileTests {
    static let orgnr = ProfileAssemblerTests.orgnr
    static let assembler = ProfileAssemblerTests.assembler
    static let symbolSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path fill="#1a3d7c" d="M50 6 L94 90 L6 90 Z"/></svg>"##.utf8)

    static func evaluated(_ svg: Data, url: String) -> EvaluatedLogoCandidate {
        EvaluatedLogoCandidate(
            candidate: LogoCandidate(source: .headerHomeLink, url: url, inlineSVG: nil, element: "img", score: 90, reasons: []),
            outcome: .accepted, validation: SVGValidator().validate([UInt8](svg)), svg: svg, confidence: 0.9)
    }

    static func discovered(symbol: Bool) -> DiscoveryResult {
        let logo = evaluated(ProfileAssemblerTests.goodSVG, url: "https://www.digdir.no/wordmark.svg")
        var result = DiscoveryResult(
            documentURL: "https://www.digdir.no/", candidates: [logo], logo: logo, emails: [], phones: [], nameHints: [], problems: [])
        if symbol { result.symbol = evaluated(symbolSVG, url: "https://www.digdir.no/symbol.svg") }
        return result
    }

    static func temporaryDirectory() -> String {
        Scratch.url.appendingPathComponent("orgprofile-symbol-\(UUID().uuidString)").path
    }

    @Test func theSymbolHasItsOwnFileKindAndRenditions() throws {
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: nil, register: .success(.active(try ProfileAssemblerTests.record())),
            discovery: Self.discovered(symbol: true), overrides: nil, now: ProfileAssemblerTests.now)
        let logo = try #require(assembly.profile?.logo)
        let symbol = try #require(logo.symbol)
        let sha = SHA256.hex(Self.symbolSVG)
        #expect(symbol.file == "logos/\(Self.orgnr)-\(sha.prefix(16)).svg")
        #expect(symbol.sha256 == sha)
        #expect(symbol.sourceURL == "https://www.digdir.no/symbol.svg")
        #expect(symbol.kind == .symbol && symbol.theme == .dark)
        #expect(symbol.renditions?.map(\.height) == [64, 256])
        #expect(assembly.renditionBytes[symbol.file] == Self.symbolSVG)
        for rendition in symbol.renditions ?? [] {
            #expect(assembly.renditionBytes[rendition.file]?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        }
        #expect(Set(logo.files).isSuperset(of: [symbol.file] + (symbol.renditions ?? []).map(\.file)))
    }

    @Test func theStoreWritesTheSymbolWithTheProfileAndRemovesItWhenNoLongerNamed() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let record = try ProfileAssemblerTests.record()
        let first = Self.assembler.assemble(
            Self.orgnr, previous: nil, register: .success(.active(record)), discovery: Self.discovered(symbol: true), overrides: nil,
            now: ProfileAssemblerTests.now)
        _ = await store.save(first)
        let symbolFiles = try #require(first.profile?.logo?.symbol.map { [$0.file] + ($0.renditions ?? []).map(\.file) })
        #expect(symbolFiles.count == 3)
        for file in symbolFiles { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file)), "\(file)") }
        // The sweep keeps what the profile names, the symbol included.
        #expect(try store.removeUnreferencedLogos() == 0)
        #expect(try store.load(Self.orgnr)?.logo?.symbol == first.profile?.logo?.symbol)

        let second = Self.assembler.assemble(
            Self.orgnr, previous: try store.load(Self.orgnr), register: .success(.active(record)),
            discovery: Self.discovered(symbol: false), overrides: nil, now: ProfileAssemblerTests.now)
        _ = await store.save(second)
        #expect(try store.load(Self.orgnr)?.logo?.symbol == nil)
        for file in symbolFiles { #expect(!FileManager.default.fileExists(atPath: store.absolutePath(file)), "\(file) left behind") }
        for file in second.profile?.logo?.files ?? [] { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file))) }
    }

    @Test func aLogoKeptStaleKeepsItsSymbol() async throws {
        let store = ProfileStore(root: Self.temporaryDirectory())
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let record = try ProfileAssemblerTests.record()
        _ = await store.save(
            Self.assembler.assemble(
                Self.orgnr, previous: nil, register: .success(.active(record)), discovery: Self.discovered(symbol: true),
                overrides: nil, now: ProfileAssemblerTests.now))
        let kept = Self.assembler.assemble(
            Self.orgnr, previous: try store.load(Self.orgnr), register: .success(.active(record)),
            discovery: ProfileAssemblerTests.foundNothing, overrides: nil, now: ProfileAssemblerTests.now)
        #expect(kept.profile?.logo?.stale == true)
        #expect(kept.profile?.logo?.symbol != nil)
        _ = await store.save(kept)
        for file in kept.profile?.logo?.files ?? [] { #expect(FileManager.default.fileExists(atPath: store.absolutePath(file)), "\(file)") }
    }
}
