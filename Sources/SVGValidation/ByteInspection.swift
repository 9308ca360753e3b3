/// Checks on the raw bytes, before any of them reach libxml2: size, compression, encoding,
/// and whether this is XML at all. Each returns findings; an error means "do not parse".
enum ByteInspection {
    static func inspect(_ bytes: [UInt8], limits: SVGLimits) -> [SVGFinding] {
        if bytes.isEmpty {
            return [SVGFinding(.empty, severity: .error, line: nil, message: "The file is empty; fetch the logo again.")]
        }
        // libxml2 takes the length as a C int.
        let maxBytes = min(limits.maxBytes, Int(Int32.max))
        if bytes.count > maxBytes {
            return [
                SVGFinding(
                    .tooLarge, severity: .error, line: nil,
                    message: "The file is \(bytes.count) bytes, over the \(maxBytes)-byte limit; export a smaller SVG.")
            ]
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            return [
                SVGFinding(
                    .compressed, severity: .error, line: nil,
                    message: "The file is gzip-compressed (.svgz); publish the uncompressed SVG.")
            ]
        }
        if let encoding = utf16Or32(bytes) {
            return [
                SVGFinding(
                    .unsupportedEncoding, severity: .error, line: 1,
                    message: "The file is encoded as \(encoding); save it as UTF-8.")
            ]
        }

        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        if start == bytes.count {
            return [SVGFinding(.empty, severity: .error, line: nil, message: "The file contains only whitespace; fetch the logo again.")]
        }
        if bytes[start] != UInt8(ascii: "<") {
            return [SVGFinding(.notXML, severity: .error, line: 1, message: notXMLMessage(bytes))]
        }

        // Most logos are plain ASCII text: one tight pass proves both checks below would pass.
        if isPlainASCIIText(bytes) { return declaredEncodingFindings(bytes) }
        if let line = firstInvalidUTF8Line(bytes) {
            return [
                SVGFinding(
                    .invalidUTF8, severity: .error, line: line,
                    message: "Line \(line) is not valid UTF-8; save the file as UTF-8.")
            ]
        }
        if let (line, character) = firstForbiddenCharacter(bytes) {
            return [
                SVGFinding(
                    .malformed, severity: .error, line: line,
                    message: "Line \(line) contains the character \(character), which XML forbids; re-export the SVG.")
            ]
        }
        return declaredEncodingFindings(bytes)
    }

    private static func declaredEncodingFindings(_ bytes: [UInt8]) -> [SVGFinding] {
        if let declared = declaredEncoding(bytes), !isUTF8Compatible(declared, bytes: bytes) {
            return [
                SVGFinding(
                    .unsupportedEncoding, severity: .error, line: 1,
                    message:
                        "The XML declaration says encoding \"\(SVGText.quote(declared))\"; save the file as UTF-8 and declare encoding=\"UTF-8\"."
                )
            ]
        }
        return []
    }

    /// Every byte is printable ASCII, tab, LF or CR: valid UTF-8 with no character XML forbids.
    static func isPlainASCIIText(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var bad = false
            for byte in buffer {
                bad = bad || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte >= 0x7F
            }
            return !bad
        }
    }

    private static func utf16Or32(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return "UTF-32" }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16" }
        // No BOM: '<' followed or preceded by NUL is UTF-16 ("<\0?\0" or "\0<\0?").
        if bytes.count >= 4 {
            if bytes[0] == 0x3C && bytes[1] == 0x00 { return "UTF-16 (little-endian)" }
            if bytes[0] == 0x00 && bytes[1] == 0x3C { return "UTF-16 (big-endian)" }
        }
        return nil
    }

    private static func notXMLMessage(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "This is a PNG image, not SVG; publish the logo as SVG." }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "This is a JPEG image, not SVG; publish the logo as SVG." }
        if bytes.starts(with: Array("GIF8".utf8)) { return "This is a GIF image, not SVG; publish the logo as SVG." }
        if bytes.starts(with: Array("RIFF".utf8)) { return "This is a RIFF (e.g. WebP) file, not SVG; publish the logo as SVG." }
        if bytes.starts(with: Array("%PDF".utf8)) { return "This is a PDF file, not SVG; publish the logo as SVG." }
        return "The file does not start with '<', so it is not XML; publish the logo as SVG."
    }

    /// 1-based line of the first byte sequence that is not UTF-8 (overlongs and surrogates included).
    static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int? {
        var line = 1
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte == 0x0A { line += 1 }
                index += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return line
            }
            if index + length > count { return line }
            for offset in 1..<length {
                let next = bytes[index + offset]
                if next & 0xC0 != 0x80 { return line }
                scalar = (scalar << 6) | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return line }
            index += length
        }
        return nil
    }

    /// Control characters other than tab, LF and CR, and U+FFFE/U+FFFF, are not XML characters.
    /// libxml2 stops a comment, CDATA section or PI at one and resumes parsing *inside* it, so
    /// they must never reach it (see `MarkupPrescan`).
    static func firstForbiddenCharacter(_ bytes: [UInt8]) -> (line: Int, character: String)? {
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
            } else if byte < 0x20 && byte != 0x09 && byte != 0x0D {
                let hex = String(byte, radix: 16, uppercase: true)
                return (line, "U+" + String(repeating: "0", count: 4 - hex.count) + hex)
            } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF
            {
                return (line, bytes[index + 2] == 0xBE ? "U+FFFE" : "U+FFFF")
            }
            index += 1
        }
        return nil
    }

    /// The `encoding="…"` of the XML declaration, if there is one.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        guard bytes[start...].starts(with: Array("<?xml".utf8)) else { return nil }
        let end = bytes[start...].prefix(256).firstIndex(of: UInt8(ascii: ">")) ?? min(bytes.count, start + 256)
        let declaration = Array(bytes[start..<end])
        let keyword = Array("encoding".utf8)
        guard
            let at = (0...max(0, declaration.count - keyword.count)).first(where: {
                declaration.count >= $0 + keyword.count && Array(declaration[$0..<($0 + keyword.count)]) == keyword
            })
        else { return nil }
        var rest = declaration[(at + keyword.count)...].drop { [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "=")].contains($0) }
        guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
        rest = rest.dropFirst()
        return String(decoding: rest.prefix { $0 != quote }, as: UTF8.self)
    }

    /// UTF-8 and ASCII are fine; an 8-bit ASCII superset is fine while every byte is ASCII,
    /// because then it decodes identically.
    private static func isUTF8Compatible(_ declared: String, bytes: [UInt8]) -> Bool {
        let name = SVGText.asciiLowercased(declared)
        if ["utf-8", "utf8", "us-ascii", "ascii"].contains(name) { return true }
        let asciiSupersets = ["iso-8859-", "latin1", "latin-1", "windows-125", "cp125", "iso8859-"]
        guard asciiSupersets.contains(where: { name.hasPrefix($0) }) else { return false }
        return !bytes.contains { $0 >= 0x80 }
    }
}
