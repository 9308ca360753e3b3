import CurlHTTP
import Foundation
import TestSupport
import Testing

@testable import HTTPCache

/// `RevalidatingCache` around the real `CurlHTTPClient`, against the loopback test web.
@Suite struct RevalidatingCacheTests {
    let web = TestWeb.shared

    func cache(limitBytes: Int = 1024 * 1024) throws -> RevalidatingCache {
        let directory = Scratch.url.appendingPathComponent("orgprofile-http-cache-\(UUID().uuidString)").path
        return try RevalidatingCache(wrapping: CurlHTTPClient(settings: web.settings()), directory: directory, limitBytes: limitBytes)
    }

    static let logo = "https://www.digdir.no/themes/custom/digdir/images/digdir-logo.svg"

    func fixture(_ path: String) -> Data {
        FileManager.default.contents(atPath: TestWeb.testWebDirectory.appendingPathComponent("sites/www.digdir.no\(path)").path) ?? Data()
    }

    func directoryBytes(_ directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.reduce(0) { total, name in
            total + ((try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(name)")[.size] as? Int) ?? 0)
        }
    }

    @Test func aStoredLogoComesBackRevalidatedWithTheSameBodyAndHeaders() async throws {
        let cache = try cache()
        let request = HTTPRequest(url: Self.logo, kind: .image)
        let first = try await cache.fetch(request)
        #expect(first.status == 200 && !first.revalidated)
        #expect(first.body == fixture("/themes/custom/digdir/images/digdir-logo.svg"))
        let second = try await cache.fetch(request)
        #expect(second.status == 200 && second.revalidated)
        #expect(second.body == first.body)
        #expect(second.header("content-type") == "image/svg+xml")
        #expect(second.header("etag") == first.header("etag"))
        #expect(second.effectiveURL == first.effectiveURL)
    }

    @Test func registerRequestsAreNeverStored() async throws {
        let cache = try cache()
        let request = HTTPRequest(url: Self.logo, kind: .registry)
        _ = try await cache.fetch(request)
        #expect(try await cache.fetch(request).revalidated == false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.directory).isEmpty)
    }

    /// A truncated entry, one with a flipped body byte, and garbage are misses: the full body is
    /// fetched again (not revalidated) and the entry is whole again afterwards.
    @Test(arguments: ["truncated", "flipped", "garbage", "empty"])
    func aDamagedEntryIsAMissNotContent(damage: String) async throws {
        let cache = try cache()
        let request = HTTPRequest(url: Self.logo, kind: .image)
        let first = try await cache.fetch(request)
        let path = cache.entryPath(request)
        var bytes = try #require(FileManager.default.contents(atPath: path))
        switch damage {
        case "truncated": bytes = bytes.dropLast(40)
        case "flipped": bytes[bytes.count - 10] ^= 0x20
        case "garbage": bytes = Data("orgprofile-http-cache 1\n{\"url\":".utf8)
        default: bytes = Data()
        }
        try bytes.write(to: URL(fileURLWithPath: path))

        let second = try await cache.fetch(request)
        #expect(second.status == 200 && !second.revalidated)
        #expect(second.body == first.body)
        let third = try await cache.fetch(request)
        #expect(third.revalidated && third.body == first.body)
    }

    /// Beyond the limit, least recently used entries go; the directory never ends a fetch above it.
    @Test func evictionKeepsTheDirectoryUnderTheLimitAndDropsTheLeastRecentlyUsed() async throws {
        let limit = 40_000
        let cache = try cache(limitBytes: limit)
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        func request(_ index: Int) -> HTTPRequest {
            HTTPRequest(url: "https://faults.test/validated?bytes=4000&tag=\(tag)n\(index)", kind: .page)
        }
        for index in 0..<15 {
            let response = try await cache.fetch(request(index))
            #expect(response.status == 200 && !response.revalidated)
            if index == 3 {
                // Entry 0 is used again, so it is more recent than 1, 2, 3.
                #expect(try await cache.fetch(request(0)).revalidated)
            }
            #expect(directoryBytes(cache.directory) <= limit, "after \(index + 1) entries")
        }
        #expect(directoryBytes(cache.directory) > limit / 2)
        #expect(try await cache.fetch(request(14)).revalidated, "the newest entry was evicted")
        #expect(try await cache.fetch(request(1)).revalidated == false, "the oldest entry was kept")
    }

    /// Two caches on one directory stand for `serve` and `refresh` running at once: writing the
    /// same entries side by side leaves every entry whole and no temporary file behind.
    @Test func twoWritersOnOneDirectoryLeaveWholeEntries() async throws {
        let first = try cache()
        let second = try RevalidatingCache(
            wrapping: CurlHTTPClient(settings: web.settings()), directory: first.directory, limitBytes: first.limitBytes)
        let tag = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let requests = (0..<5).map { HTTPRequest(url: "https://faults.test/validated?bytes=20000&tag=\(tag)n\($0)", kind: .page) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in 0..<4 {
                for request in requests {
                    group.addTask {
                        let response = try await (round % 2 == 0 ? first : second).fetch(request)
                        #expect(response.status == 200 && response.body.count == 20000)
                    }
                }
            }
            try await group.waitForAll()
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: first.directory)
        #expect(names.count == requests.count, "\(names)")
        for request in requests {
            let data = try #require(FileManager.default.contents(atPath: first.entryPath(request)))
            #expect(HTTPCacheEntry.decode(data, for: request)?.body.count == 20000)
            #expect(try await second.fetch(request).revalidated)
        }
    }

    @Test func a304UpdatesTheStoredHeadersButNotTheBody() {
        let stored: [(name: String, value: String)] = [
            ("content-type", "image/svg+xml"), ("etag", "\"a\""), ("cache-control", "max-age=60"), ("content-length", "547"),
        ]
        let fresh: [(name: String, value: String)] = [
            ("date", "Wed, 25 Nov 2026 01:00:00 GMT"), ("cache-control", "max-age=120"), ("content-length", "0"), ("connection", "close"),
        ]
        let updated = RevalidatingCache.updated(stored, with: fresh)
        #expect(
            updated.map { "\($0.name): \($0.value)" } == [
                "content-type: image/svg+xml", "etag: \"a\"", "cache-control: max-age=120", "content-length: 547",
            ])
        #expect(
            RevalidatingCache.updated(stored, with: [("etag", "\"a\""), ("date", "now")]).map { "\($0.name): \($0.value)" }
                == stored.map { "\($0.name): \($0.value)" })
    }
}
