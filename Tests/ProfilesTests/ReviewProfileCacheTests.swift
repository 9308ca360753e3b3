import FileIO
import Foundation
import Testing
import TestSupport

@testable import Profiles

/// The review page's profile cache: a file that did not change is not decoded again; one the
/// store replaced is.
@Suite struct ReviewProfileCacheTests {
    typealias Base = ProfileAssemblerTests

    @Test func anUnchangedFileIsReusedAndAReplacedOneIsReadAgain() async throws {
        let root = Scratch.url.appendingPathComponent("orgprofile-review-cache-\(UUID().uuidString)").path
        let store = ProfileStore(root: root)
        try await store.save(Base.previous(), logoBytes: Base.goodSVG)
        let cache = ReviewProfileCache()
        #expect(try cache.load(Base.orgnr, from: store)?.email?.value == "postmottak@digdir.no")

        // Same inode, size and modification time, other bytes: only a reused decoding can answer.
        let path = store.profilePath(Base.orgnr)
        var before = stat()
        stat(path, &before)
        let size = Int(before.st_size)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: " "), count: size))
        try handle.close()
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        #expect(throws: StoreError.self) { try store.load(Base.orgnr) }
        #expect(try cache.load(Base.orgnr, from: store)?.email?.value == "postmottak@digdir.no")

        var changed = Base.previous()
        changed.email?.value = "ny@digdir.no"
        try await store.save(changed, logoBytes: nil)
        #expect(try cache.load(Base.orgnr, from: store)?.email?.value == "ny@digdir.no")
    }
}
