import CurlHTTP
import OrgModel

/// The raster formats a raster logo fallback may have. Raw values are stable (they appear in profiles).
public enum RasterImageFormat: String, Sendable, Codable, CaseIterable {
    case png, jpeg, webp

    /// The extension the saved file gets.
    public var fileExtension: String {
        switch self {
        case .png: return "png"
        case .jpeg: return "jpg"
        case .webp: return "webp"
        }
    }

    var displayName: String {
        switch self {
        case .png: return "PNG"
        case .jpeg: return "JPEG"
        case .webp: return "WebP"
        }
    }
}

/// What a raster image's own bytes say it is.
public struct RasterImageInfo: Sendable, Equatable {
    public var format: RasterImageFormat
    public var width: Int
    public var height: Int
}

/// Why bytes are not kept as a raster logo; `message` is one sentence for a person.
struct RasterImageRejection: Error, Equatable {
    enum Reason: Equatable {
        /// HTML, SVG, text or unknown bytes.
        case notAnImage
        /// A raster format we do not keep (GIF, ICO, BMP, AVIF).
        case unsupportedFormat
        /// The bytes stop before the image does.
        case truncated
        /// The header or chunk structure is broken.
        case malformed
        /// An animated PNG or WebP.
        case animated
        /// Under `minSide` px wide or high: a favicon, not a logo.
        case tooSmall
        /// More than `maxBytes`.
        case tooLarge
        /// More than `maxPixels`, or a side over `maxSide`.
        case tooManyPixels
    }

    var reason: Reason
    var message: String
}

/// Reads PNG, JPEG and WebP headers from the bytes alone (signature, IHDR/SOFn/VP8*, chunk
/// structure), never from an extension or a Content-Type, and applies the raster fallback's
/// limits. Pure; nothing is decoded, so a hostile file costs a walk over its chunk headers.
enum RasterImageHeader {
    /// The image body cap of the HTTP client (`ResourceKind.image`): a logo larger than this is
    /// not fetched whole in the first place.
    static let maxBytes = ResourceKind.image.defaultBodyLimit
    /// Smaller than this wide or high is favicon-sized (16, 24 px), not a header logo.
    static let minSide = 32
    /// 4096 × 4096: what a consumer may have to decode (64 MB as RGBA), whatever the file size.
    static let maxPixels = 4096 * 4096
    static let maxSide = 16384

    /// The header, then the limits.
    static func judge(_ bytes: [UInt8]) -> Result<RasterImageInfo, RasterImageRejection> {
        guard bytes.count <= maxBytes else {
            return .failure(.init(reason: .tooLarge, message: "\(bytes.count) bytes, over the \(maxBytes)-byte limit for a logo"))
        }
        let info: RasterImageInfo
        switch read(bytes) {
        case .success(let read): info = read
        case .failure(let rejection): return .failure(rejection)
        }
        let size = "\(info.format.displayName) \(info.width)×\(info.height)"
        if info.width > maxSide || info.height > maxSide || info.width * info.height > maxPixels {
            return .failure(.init(reason: .tooManyPixels, message: "\(size) is over the \(maxPixels)-pixel limit (4096×4096) for a logo"))
        }
        if info.height < minSide {
            return .failure(
                .init(reason: .tooSmall, message: "\(size) is only \(info.height) px high (favicon-sized; at least \(minSide) px needed)"))
        }
        if info.width < minSide {
            return .failure(
                .init(reason: .tooSmall, message: "\(size) is only \(info.width) px wide (favicon-sized; at least \(minSide) px needed)"))
        }
        return .success(info)
    }

    /// Format and size from the header; structure checked, limits not applied.
    static func read(_ bytes: [UInt8]) -> Result<RasterImageInfo, RasterImageRejection> {
        switch ContentSniffer.sniff(bytes) {
        case .png: return png(bytes)
        case .jpeg: return jpeg(bytes)
        case .webp: return webp(bytes)
        case .gif:
            return .failure(
                .init(reason: .unsupportedFormat, message: "a GIF image (GIFs, often animated, are not kept; PNG, JPEG or WebP are)"))
        case .ico, .bmp, .avif:
            return .failure(
                .init(reason: .unsupportedFormat, message: "an image in a format that is not kept (only PNG, JPEG and WebP are)"))
        case .html: return .failure(.init(reason: .notAnImage, message: "an HTML page, not an image"))
        case .svg: return .failure(.init(reason: .notAnImage, message: "an SVG document, not a raster image"))
        case .gzip: return .failure(.init(reason: .notAnImage, message: "gzip-compressed data, not an image"))
        case .unknown: return .failure(.init(reason: .notAnImage, message: "unrecognised bytes, not a PNG, JPEG or WebP image"))
        }
    }

    private static func malformed(_ format: String, _ why: String) -> Result<RasterImageInfo, RasterImageRejection> {
        .failure(.init(reason: .malformed, message: "a broken \(format) file: \(why)"))
    }

    private static func truncated(_ format: String) -> Result<RasterImageInfo, RasterImageRejection> {
        .failure(.init(reason: .truncated, message: "a \(format) file cut short (the bytes end before the image does)"))
    }

    private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    private static func littleEndian(_ bytes: [UInt8], _ at: Int, count: Int) -> Int {
        (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
    }

    // MARK: PNG

    /// Signature, IHDR first (13 bytes, CRC checked, sane depth/colour type), then every chunk
    /// inside the bytes up to IEND, with at least one IDAT; `acTL` (APNG) with more than one frame
    /// is animated.
    private static func png(_ bytes: [UInt8]) -> Result<RasterImageInfo, RasterImageRejection> {
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return malformed("PNG", "wrong signature") }
        guard bytes.count >= 33 else { return truncated("PNG") }
        guard bigEndian32(bytes, 8) == 13, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
            return malformed("PNG", "the first chunk is not a 13-byte IHDR")
        }
        guard crc32(bytes[12..<29]) == UInt32(bigEndian32(bytes, 29)) else { return malformed("PNG", "the IHDR checksum does not match") }
        let width = bigEndian32(bytes, 16), height = bigEndian32(bytes, 20)
        let depth = bytes[24], colour = bytes[25]
        let depths: [UInt8: Set<UInt8>] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
            return malformed("PNG", "the header gives a size of \(width)×\(height)")
        }
        guard depths[colour]?.contains(depth) == true, bytes[26] == 0, bytes[27] == 0, bytes[28] <= 1 else {
            return malformed("PNG", "colour type \(colour) with bit depth \(depth) is not a PNG combination")
        }
        var offset = 33
        var sawData = false
        while true {
            guard offset + 12 <= bytes.count else { return truncated("PNG") }
            let length = bigEndian32(bytes, offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            guard length <= Int(Int32.max), offset + 12 + length <= bytes.count else { return truncated("PNG") }
            if type == "acTL", !sawData, length >= 8, bigEndian32(bytes, offset + 8) > 1 {
                return .failure(.init(reason: .animated, message: "an animated PNG (APNG); a still logo is needed"))
            }
            if type == "IDAT" { sawData = true }
            if type == "IEND" { break }
            offset += 12 + length
        }
        guard sawData else { return malformed("PNG", "no image data (IDAT)") }
        return .success(RasterImageInfo(format: .png, width: width, height: height))
    }

    /// CRC-32 (ISO-HDLC, the one PNG and zlib use).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    // MARK: JPEG

    /// SOI, then marker segments up to the first SOFn (baseline, extended, progressive, lossless;
    /// Huffman or arithmetic), which gives the size; an end-of-image marker must close the file.
    private static func jpeg(_ bytes: [UInt8]) -> Result<RasterImageInfo, RasterImageRejection> {
        let frameMarkers: Set<UInt8> = [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]
        var offset = 2
        while true {
            guard offset + 1 < bytes.count else { return truncated("JPEG") }
            guard bytes[offset] == 0xFF else { return malformed("JPEG", "no marker where a segment should start") }
            var marker = bytes[offset + 1]
            while marker == 0xFF {  // fill bytes before a marker
                offset += 1
                guard offset + 1 < bytes.count else { return truncated("JPEG") }
                marker = bytes[offset + 1]
            }
            offset += 2
            if marker == 0xD9 || marker == 0xDA { return malformed("JPEG", "no frame header (SOFn) before the image data") }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }  // no length
            guard offset + 2 <= bytes.count else { return truncated("JPEG") }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2 else { return malformed("JPEG", "a segment of length \(length)") }
            guard offset + length <= bytes.count else { return truncated("JPEG") }
            if frameMarkers.contains(marker) {
                guard length >= 8 else { return malformed("JPEG", "a frame header of \(length) bytes") }
                let height = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
                let width = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                guard width > 0, height > 0 else {
                    return malformed("JPEG", "the frame header gives a size of \(width)×\(height)")
                }
                // Entropy-coded data cannot contain FF D9, so the last EOI ends the image; a few
                // bytes of trailing padding after it are tolerated.
                guard bytes.count >= offset + length + 2,
                    bytes.suffix(4096).indices.dropLast().contains(where: { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xD9 && $0 > offset })
                else { return truncated("JPEG") }
                return .success(RasterImageInfo(format: .jpeg, width: width, height: height))
            }
            offset += length
        }
    }

    // MARK: WebP

    /// RIFF container whose size fits the bytes, then `VP8 ` (lossy key frame with its start
    /// code), `VP8L` (lossless, signature 0x2F) or `VP8X` (extended: canvas size, and an image
    /// chunk after it); the VP8X animation flag is animated.
    private static func webp(_ bytes: [UInt8]) -> Result<RasterImageInfo, RasterImageRejection> {
        guard bytes.count >= 20 else { return truncated("WebP") }
        let riffSize = littleEndian(bytes, 4, count: 4)
        guard riffSize >= 12 else { return malformed("WebP", "a RIFF size of \(riffSize)") }
        guard riffSize + 8 <= bytes.count else { return truncated("WebP") }
        let end = riffSize + 8
        let first = String(decoding: bytes[12..<16], as: UTF8.self)
        let firstSize = littleEndian(bytes, 16, count: 4)
        guard 20 + firstSize <= end else { return truncated("WebP") }
        let body = 20
        switch first {
        case "VP8 ":
            guard firstSize >= 10 else { return malformed("WebP", "a VP8 chunk of \(firstSize) bytes") }
            guard bytes[body] & 1 == 0, Array(bytes[(body + 3)..<(body + 6)]) == [0x9D, 0x01, 0x2A] else {
                return malformed("WebP", "the VP8 chunk does not start with a key frame")
            }
            let width = littleEndian(bytes, body + 6, count: 2) & 0x3FFF
            let height = littleEndian(bytes, body + 8, count: 2) & 0x3FFF
            guard width > 0, height > 0 else { return malformed("WebP", "the VP8 frame gives a size of \(width)×\(height)") }
            return .success(RasterImageInfo(format: .webp, width: width, height: height))
        case "VP8L":
            guard firstSize >= 5, bytes[body] == 0x2F else { return malformed("WebP", "the VP8L chunk lacks its signature") }
            let bits = littleEndian(bytes, body + 1, count: 4)
            guard bits >> 29 == 0 else { return malformed("WebP", "an unknown VP8L version") }
            return .success(RasterImageInfo(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1))
        case "VP8X":
            guard firstSize >= 10 else { return malformed("WebP", "a VP8X chunk of \(firstSize) bytes") }
            if bytes[body] & 0x02 != 0 {
                return .failure(.init(reason: .animated, message: "an animated WebP; a still logo is needed"))
            }
            let width = littleEndian(bytes, body + 4, count: 3) + 1
            let height = littleEndian(bytes, body + 7, count: 3) + 1
            var offset = body + firstSize + (firstSize & 1)
            while offset + 8 <= end {
                let type = String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
                let size = littleEndian(bytes, offset + 4, count: 4)
                guard offset + 8 + size <= end else { return truncated("WebP") }
                if type == "VP8 " || type == "VP8L" {
                    return .success(RasterImageInfo(format: .webp, width: width, height: height))
                }
                offset += 8 + size + (size & 1)
            }
            return malformed("WebP", "no image chunk (VP8 or VP8L) after the VP8X header")
        default:
            return malformed("WebP", "the first chunk is '\(first.visiblyEscaped)', not VP8, VP8L or VP8X")
        }
    }
}
