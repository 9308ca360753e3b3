import Foundation

/// Tells what fetched bytes are from the bytes themselves, never from the file extension or the
/// Content-Type: CMSs serve SVGs from `.ashx` handlers and error pages as `200 text/html`.
enum ContentSniffer {
    enum Kind: String, Sendable, Equatable {
        case svg, png, jpeg, gif, webp, ico, bmp, avif, gzip, html, unknown

        var isRaster: Bool {
            switch self {
            case .png, .jpeg, .gif, .webp, .ico, .bmp, .avif: return true
            default: return false
            }
        }
    }

    static func sniff(_ bytes: [UInt8]) -> Kind {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: Array("GIF8".utf8)) { return .gif }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return .webp }
        if bytes.starts(with: [0x00, 0x00, 0x01, 0x00]) { return .ico }
        if bytes.starts(with: Array("BM".utf8)) && bytes.count > 14 { return .bmp }
        if bytes.count >= 12, Array(bytes[4..<8]) == Array("ftyp".utf8),
           Array(bytes[8..<12]) == Array("avif".utf8) || Array(bytes[8..<12]) == Array("avis".utf8) { return .avif }
        if bytes.starts(with: [0x1F, 0x8B]) { return .gzip }

        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let head = String(decoding: bytes[start..<min(bytes.count, start + 4096)], as: UTF8.self).lowercased()
        let trimmed = head.drop(while: { $0.isWhitespace })
        guard trimmed.hasPrefix("<") else { return .unknown }
        let hasHTML = head.contains("<html") || head.contains("<!doctype html") || head.contains("<head") || head.contains("<body")
        if let svg = head.range(of: "<svg") {
            // An HTML page that contains inline SVG is still HTML.
            if let html = head.range(of: "<html"), html.lowerBound < svg.lowerBound { return .html }
            if hasHTML && head.range(of: "<!doctype html") != nil { return .html }
            return .svg
        }
        return hasHTML ? .html : .unknown
    }

    /// HTML as far as the page fetch is concerned: a declared HTML type, or HTML-looking bytes
    /// under a missing or generic type.
    static func isHTML(contentType: String?, body: [UInt8]) -> Bool {
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if type == "text/html" || type == "application/xhtml+xml" { return true }
        if type.isEmpty || type == "text/plain" || type == "application/octet-stream" {
            return sniff(body) == .html
        }
        return false
    }
}
