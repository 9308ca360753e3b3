import FileIO
import Foundation
import OrgModel
import Testing

@testable import Profiles

/// The raster fallback file beside a profile: written before the profile that names it, removed
/// only after a profile that no longer names it is in place, and swept up when a writer died.
@Suite struct ProfileStoreRasterFallbackTests {
    static let orgnr = "999990061"
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("stand-in bytes".utf8))

    static func profile(fallbackFile: String?, sha: String = "") -> Profile {
        var profile = ProfileStoreTests.profile(Self.orgnr)
        profile.logoRasterFallback = fallbackFile.map {
            Profile.RasterFallback(
                file: $0, sourceURL: "https://www.rasterlogo.test/bilder/rasterlogo.png", foundOn: "https://www.rasterlogo.test/",
                foundBy: .headerHomeLink, format: "png", width: 240, height: 60, byteCount: png.count, sha256: sha, stale: false,
                retrievedAt: Date(timeIntervalSince1970: 0))
        }
        return profile
    }

    @Test func theFallbackFileIsWrittenWithTheProfileAndRemovedWhenNoLongerNamed() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        let sha = SHA256.hex(Self.png)
        let file = store.rasterFallbackFile(Self.orgnr, sha256: sha, fileExtension: "png")
        #expect(file == "logos/\(Self.orgnr)-\(sha.prefix(16)).png")
        try await store.save(Self.profile(fallbackFile: file, sha: sha), logoBytes: nil, rasterFallbackBytes: Self.png)
        #expect(FileManager.default.contents(atPath: store.absolutePath(file)) == Self.png)
        #expect(try store.load(Self.orgnr)?.logoRasterFallback?.file == file)

        // An SVG logo is found: the profile names it, and the raster file goes.
        let svg = Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8)
        var withLogo = ProfileStoreTests.profile(
            Self.orgnr, logoFile: store.logoFile(Self.orgnr, sha256: SHA256.hex(svg)), sha: SHA256.hex(svg))
        withLogo.logoRasterFallback = nil
        try await store.save(withLogo, logoBytes: svg)
        #expect(!FileManager.default.fileExists(atPath: store.absolutePath(file)))
        #expect(FileManager.default.fileExists(atPath: store.absolutePath(withLogo.logo!.file)))
    }

    @Test func aProfileWithoutTheFieldIsStillRead() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        try await store.save(ProfileStoreTests.profile(Self.orgnr), logoBytes: nil)
        let text = try String(contentsOfFile: store.profilePath(Self.orgnr), encoding: .utf8)
        #expect(!text.contains("logoRasterFallback"))
        #expect(try store.load(Self.orgnr)?.logoRasterFallback == nil)
    }

    @Test func theSweepRemovesRasterFilesNoProfileNamesAndKeepsTheNamedOne() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        let sha = SHA256.hex(Self.png)
        let file = store.rasterFallbackFile(Self.orgnr, sha256: sha, fileExtension: "png")
        try await store.save(Self.profile(fallbackFile: file, sha: sha), logoBytes: nil, rasterFallbackBytes: Self.png)
        // What a writer killed between the raster file and its profile leaves behind.
        for orphan in ["\(Self.orgnr)-0123456789abcdef.jpg", "\(Self.orgnr)-fedcba9876543210.webp", "999990088-0123456789abcdef.png"] {
            #expect(FileManager.default.createFile(atPath: "\(store.logosDirectory)/\(orphan)", contents: Self.png))
        }
        #expect(try store.removeUnreferencedLogos() == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.logosDirectory).sorted() == [String(file.dropFirst(6))])
    }
}
