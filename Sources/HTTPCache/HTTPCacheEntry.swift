import CurlHTTP
import Foundation

/// One stored response of `RevalidatingCache`, as a file: a magic line, one line of JSON
/// metadata, then the body bytes. The metadata names the request it answers and carries the
/// body's length and checksum, so a truncated, torn or foreign file decodes to nil (a miss),
/// never to content.
struct HTTPCacheEntry: Equatable {
    struct Metadata: Codable, Equatable {
        var url: String
        var kind: String
        var effectiveURL: String
        /// Stored response headers, names lower-cased, in order (hop-by-hop fields, `Date` and
        /// `Set-Cookie` left out).
        var headers: [[String]]
        var bodyLength: Int
        /// FNV-1a 64 of the body, hex.
        var bodyChecksum: String
    }

    var metadata: Metadata
    var body: Data

    static let magic = Data("orgprofile-http-cache 1\n".utf8)

    init(request: HTTPRequest, effectiveURL: String, headers: [(name: String, value: String)], body: Data) {
        metadata = Metadata(
            url: request.url, kind: request.kind.rawValue, effectiveURL: effectiveURL,
            headers: headers.map { [$0.name, $0.value] }, bodyLength: body.count, bodyChecksum: Self.checksum(body))
        self.body = body
    }

    private init(metadata: Metadata, body: Data) {
        self.metadata = metadata
        self.body = body
    }

    var headers: [(name: String, value: String)] {
        metadata.headers.map { (name: $0[0], value: $0[1]) }
    }

    var etag: String? { headers.last { $0.name == "etag" }?.value }
    var lastModified: String? { headers.last { $0.name == "last-modified" }?.value }

    func encoded() -> Data? {
        // JSONEncoder escapes control characters, so the metadata is one line.
        guard let json = try? JSONEncoder().encode(metadata) else { return nil }
        var data = Self.magic
        data.reserveCapacity(Self.magic.count + json.count + 1 + body.count)
        data.append(json)
        data.append(0x0A)
        data.append(body)
        return data
    }

    /// The entry stored for `request`, or nil when the bytes are not a whole, intact entry for it.
    static func decode(_ data: Data, for request: HTTPRequest) -> HTTPCacheEntry? {
        guard data.count > magic.count, data.prefix(magic.count) == magic else { return nil }
        let afterMagic = data.index(data.startIndex, offsetBy: magic.count)
        guard let newline = data[afterMagic...].firstIndex(of: 0x0A),
            let metadata = try? JSONDecoder().decode(Metadata.self, from: data[afterMagic..<newline]),
            metadata.url == request.url, metadata.kind == request.kind.rawValue,
            metadata.headers.allSatisfy({ $0.count == 2 })
        else { return nil }
        let body = Data(data[data.index(after: newline)...])
        guard body.count == metadata.bodyLength, checksum(body) == metadata.bodyChecksum else { return nil }
        return HTTPCacheEntry(metadata: metadata, body: body)
    }

    static func checksum(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { buffer in
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        return String(hash, radix: 16)
    }
}
