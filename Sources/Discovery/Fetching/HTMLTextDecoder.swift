import Foundation

/// Decides a page's character encoding the way browsers do (BOM, then the Content-Type header,
/// then a `<meta>` prescan) and transcodes the bytes to UTF-8 for the parser.
enum HTMLTextDecoder {
    enum Charset: String, Sendable, Equatable {
        case utf8 = "utf-8"
        case windows1252 = "windows-1252"
        case iso885915 = "iso-8859-15"
        case utf16LE = "utf-16le"
        case utf16BE = "utf-16be"
    }

    enum Origin: String, Sendable, Equatable {
        case byteOrderMark = "bom", header, meta, sniffed, defaulted
    }

    struct Decoded: Sendable {
        var utf8: [UInt8]
        var charset: Charset
        var origin: Origin
    }

    static func decode(_ bytes: [UInt8], contentType: String?) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return Decoded(utf8: Array(bytes.dropFirst(3)), charset: .utf8, origin: .byteOrderMark)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return Decoded(utf8: transcode(Array(bytes.dropFirst(2)), from: .utf16LE), charset: .utf16LE, origin: .byteOrderMark)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return Decoded(utf8: transcode(Array(bytes.dropFirst(2)), from: .utf16BE), charset: .utf16BE, origin: .byteOrderMark)
        }
        if let label = contentType.flatMap(charsetParameter), let charset = charset(forLabel: label) {
            return Decoded(utf8: transcode(bytes, from: charset), charset: charset, origin: .header)
        }
        if let label = prescanMeta(bytes), let charset = charset(forLabel: label) {
            // A page cannot really be UTF-16 if its ASCII meta tag was readable (WHATWG rule).
            let effective: Charset = (charset == .utf16LE || charset == .utf16BE) ? .utf8 : charset
            return Decoded(utf8: transcode(bytes, from: effective), charset: effective, origin: .meta)
        }
        if String(validating: bytes, as: UTF8.self) != nil {
            return Decoded(utf8: bytes, charset: .utf8, origin: .defaulted)
        }
        // Undeclared and not valid UTF-8: old Norwegian pages are almost always windows-1252.
        return Decoded(utf8: transcode(bytes, from: .windows1252), charset: .windows1252, origin: .sniffed)
    }

    /// Maps a charset label to what we decode it as. Latin-1 labels mean windows-1252 (WHATWG).
    static func charset(forLabel label: String) -> Charset? {
        let normalised = label.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
            .lowercased()
        switch normalised {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
            return .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "windows-1252", "cp1252",
            "x-cp1252", "us-ascii", "ascii", "iso-ir-100", "ibm819", "cp819", "csisolatin1", "iso_8859-1:1987":
            return .windows1252
        case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "latin-9", "l9", "csisolatin9":
            return .iso885915
        case "utf-16le", "utf-16":
            return .utf16LE
        case "utf-16be":
            return .utf16BE
        default:
            return nil
        }
    }

    /// The `charset` parameter of a Content-Type value, if any.
    static func charsetParameter(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" {
                let value = pair[1].trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// Looks for `<meta charset=…>` or `<meta http-equiv=Content-Type content="…charset=…">` near
    /// the start of the page. Scans 4 KB rather than the spec's 1 KB: CMS pages often put long
    /// comments and scripts before the meta tag.
    static func prescanMeta(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(4096).map { $0 < 0x80 ? Character(UnicodeScalar($0)) : " " }
        let text = String(head).lowercased()
        var searchStart = text.startIndex
        while let metaRange = text.range(of: "<meta", range: searchStart..<text.endIndex) {
            let tagEnd = text[metaRange.upperBound...].firstIndex(of: ">") ?? text.endIndex
            let tag = String(text[metaRange.upperBound..<tagEnd])
            searchStart = tagEnd
            if let label = attributeValue("charset", in: tag) {
                return label
            }
            if let equiv = attributeValue("http-equiv", in: tag), equiv == "content-type",
               let content = attributeValue("content", in: tag), let label = charsetParameter("x;" + content) {
                return label
            }
        }
        return nil
    }

    /// A tiny attribute reader for the prescan (quoted or unquoted values).
    private static func attributeValue(_ name: String, in tag: String) -> String? {
        var search = tag.startIndex
        while let range = tag.range(of: name, range: search..<tag.endIndex) {
            search = range.upperBound
            if range.lowerBound > tag.startIndex {
                let before = tag[tag.index(before: range.lowerBound)]
                guard before == " " || before == "\t" || before == "\n" || before == "\r" || before == "/" else { continue }
            }
            var cursor = range.upperBound
            while cursor < tag.endIndex, tag[cursor] == " " { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex, tag[cursor] == "=" else { continue }
            cursor = tag.index(after: cursor)
            while cursor < tag.endIndex, tag[cursor] == " " { cursor = tag.index(after: cursor) }
            guard cursor < tag.endIndex else { return nil }
            let quote = tag[cursor]
            if quote == "\"" || quote == "'" {
                let valueStart = tag.index(after: cursor)
                let valueEnd = tag[valueStart...].firstIndex(of: quote) ?? tag.endIndex
                return String(tag[valueStart..<valueEnd]).trimmingCharacters(in: .whitespaces)
            }
            let valueEnd = tag[cursor...].firstIndex(where: { $0 == " " || $0 == "/" || $0 == ";" }) ?? tag.endIndex
            return String(tag[cursor..<valueEnd])
        }
        return nil
    }

    static func transcode(_ bytes: [UInt8], from charset: Charset) -> [UInt8] {
        switch charset {
        case .utf8:
            if String(validating: bytes, as: UTF8.self) != nil { return bytes }
            return Array(String(decoding: bytes, as: UTF8.self).utf8)
        case .windows1252, .iso885915:
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                scalars.append(singleByteScalar(byte, charset: charset))
            }
            return Array(String(scalars).utf8)
        case .utf16LE, .utf16BE:
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = 0
            while index + 1 < bytes.count {
                let first = UInt16(bytes[index]), second = UInt16(bytes[index + 1])
                units.append(charset == .utf16LE ? first | second << 8 : first << 8 | second)
                index += 2
            }
            return Array(String(decoding: units, as: UTF16.self).utf8)
        }
    }

    private static func singleByteScalar(_ byte: UInt8, charset: Charset) -> Unicode.Scalar {
        if charset == .iso885915, let scalar = latin9Differences[byte] { return scalar }
        if charset == .windows1252, byte >= 0x80, byte <= 0x9F {
            return windows1252C1[Int(byte - 0x80)]
        }
        return Unicode.Scalar(byte)
    }

    /// windows-1252 bytes 0x80–0x9F; undefined positions map to the C1 control (WHATWG index).
    private static let windows1252C1: [Unicode.Scalar] = [
        "\u{20AC}", "\u{0081}", "\u{201A}", "\u{0192}", "\u{201E}", "\u{2026}", "\u{2020}", "\u{2021}",
        "\u{02C6}", "\u{2030}", "\u{0160}", "\u{2039}", "\u{0152}", "\u{008D}", "\u{017D}", "\u{008F}",
        "\u{0090}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2022}", "\u{2013}", "\u{2014}",
        "\u{02DC}", "\u{2122}", "\u{0161}", "\u{203A}", "\u{0153}", "\u{009D}", "\u{017E}", "\u{0178}",
    ]

    private static let latin9Differences: [UInt8: Unicode.Scalar] = [
        0xA4: "\u{20AC}", 0xA6: "\u{0160}", 0xA8: "\u{0161}", 0xB4: "\u{017D}",
        0xB8: "\u{017E}", 0xBC: "\u{0152}", 0xBD: "\u{0153}", 0xBE: "\u{0178}",
    ]
}
