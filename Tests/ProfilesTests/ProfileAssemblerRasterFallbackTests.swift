import Discovery
import FileIO
import Foundation
import OrgModel
import Registry
import Testing

@testable import Profiles

/// The raster fallback in assembly: only while the profile has no SVG logo; kept stale when a
/// refresh finds none; gone with the SVG logo's arrival and with a purge.
@Suite struct ProfileAssemblerRasterFallbackTests {
    typealias Base = ProfileAssemblerTests
    static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("stand-in bytes".utf8))

    static func found(_ raster: Data = jpeg) -> DiscoveryResult {
        var result = Base.foundNothing
        result.rasterFallback = RasterLogo(
            url: "https://www.digdir.no/logo.jpg", foundBy: .headerHomeLink, element: "header > a > img", format: .jpeg, width: 240,
            height: 60, bytes: raster)
        return result
    }

    /// An earlier profile with a raster fallback and no SVG logo.
    static func previousWithFallback() throws -> Profile {
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: nil, register: .success(.active(try Base.record())), discovery: found(), overrides: nil,
            now: Base.earlier)
        return try #require(assembly.profile)
    }

    @Test func withoutAnSVGLogoTheRasterIsKeptAndNamedByContent() throws {
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: nil, register: .success(.active(try Base.record())), discovery: Self.found(), overrides: nil,
            now: Base.now)
        let profile = try #require(assembly.profile)
        let fallback = try #require(profile.logoRasterFallback)
        let sha = SHA256.hex(Self.jpeg)
        #expect(fallback.file == "logos/\(Base.orgnr)-\(sha.prefix(16)).jpg")
        #expect(fallback.sha256 == sha && fallback.byteCount == Self.jpeg.count)
        #expect(fallback.format == "jpeg" && fallback.width == 240 && fallback.height == 60)
        #expect(fallback.foundBy == .headerHomeLink && fallback.foundOn == "https://www.digdir.no/")
        #expect(fallback.stale == false && fallback.retrievedAt == Base.now)
        #expect(assembly.rasterFallbackBytes == Self.jpeg)
        #expect(profile.logo == nil)
        #expect(profile.problems.map(\.code).contains(.logoNoneFound))
    }

    @Test func aKeptSVGLogoLeavesNoRoomForAFallback() throws {
        // The SVG logo of an earlier refresh is kept (stale): that is still the profile's logo.
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: Base.previous(), register: .success(.active(try Base.record())), discovery: Self.found(),
            overrides: nil, now: Base.now)
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.stale == true)
        #expect(profile.logoRasterFallback == nil && assembly.rasterFallbackBytes == nil)
    }

    @Test func aRefreshWithoutARasterKeepsTheLastOneStaleAndTheSameRasterKeepsItsDate() throws {
        let previous = try Self.previousWithFallback()
        let nothing = Base.assembler.assemble(
            Base.orgnr, previous: previous, register: .success(.active(try Base.record())), discovery: Base.foundNothing,
            overrides: nil, now: Base.now)
        #expect(nothing.profile?.logoRasterFallback?.file == previous.logoRasterFallback?.file)
        #expect(nothing.profile?.logoRasterFallback?.stale == true)
        #expect(nothing.rasterFallbackBytes == nil)

        let same = Base.assembler.assemble(
            Base.orgnr, previous: previous, register: .success(.active(try Base.record())), discovery: Self.found(), overrides: nil,
            now: Base.now)
        #expect(same.profile?.logoRasterFallback?.retrievedAt == Base.earlier)
        #expect(same.profile?.logoRasterFallback?.stale == false)
    }

    @Test func aHandSuppliedSVGReplacesTheFallback() throws {
        var overrides = OperatorOverrides.Values()
        overrides.svg = Base.goodSVG
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: try Self.previousWithFallback(), register: .success(.active(try Base.record())),
            discovery: Self.found(), overrides: overrides, now: Base.now)
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.foundBy == .handSupplied)
        #expect(profile.logoRasterFallback == nil && assembly.rasterFallbackBytes == nil)
    }

    @Test func aPurgeRemovesItAndADeletionKeepsItStale() throws {
        let previous = try Self.previousWithFallback()
        let removed = Base.assembler.assemble(
            Base.orgnr, previous: previous, register: .success(.removed(organisationNumber: Base.orgnr, removedOn: "2026-01-02")),
            discovery: nil, overrides: nil, now: Base.now)
        #expect(removed.profile?.status == .removed && removed.profile?.logoRasterFallback == nil)

        let error = RegistryError(kind: .unreachable, url: "https://data.brreg.no/x", message: "connection refused")
        let unreachable = Base.assembler.assemble(
            Base.orgnr, previous: previous, register: .failure(error), discovery: nil, overrides: nil, now: Base.now)
        #expect(unreachable.profile?.logoRasterFallback?.stale == true)
    }
}
