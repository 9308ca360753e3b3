/// What an `href`, `xlink:href` or CSS `url()` value points at, after the normalisation a
/// browser's URL parser would apply (and a little more, to be safe).
enum ReferenceValue: Equatable {
    /// `#id` in this document.
    case fragment(id: String)
    /// `javascript:`, `vbscript:` and friends.
    case script(scheme: String)
    /// A `data:` URL; `mediaType` is lowercased, `payload` is what follows the comma.
    case data(mediaType: String, isBase64: Bool, payload: Substring)
    /// Empty: refers to the whole document.
    case empty
    /// Anything else: another document, a host, a file.
    case external

    private static let scriptSchemes: Set<String> = ["javascript", "vbscript", "livescript", "mocha", "jscript"]

    init(_ raw: String) {
        // Browsers drop ASCII tab and newline anywhere and trim C0 controls and space; we drop
        // every control, format and whitespace character anywhere, which is stricter.
        var cleaned = String.UnicodeScalarView()
        // Fast path (embedded images are kilobytes of base64): printable ASCII without spaces
        // is already clean.
        let alreadyClean = raw.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
        for scalar in raw.unicodeScalars where !alreadyClean {
            if scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
            // Printable ASCII is never a format or space character; skip the property lookup.
            if scalar.value < 0x7F {
                cleaned.append(scalar)
                continue
            }
            switch scalar.properties.generalCategory {
            case .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control: continue
            default: cleaned.append(scalar)
            }
        }
        let value = alreadyClean ? raw : String(cleaned)
        if value.isEmpty {
            self = .empty
            return
        }
        if value.hasPrefix("#") {
            self = .fragment(id: String(value.dropFirst()))
            return
        }
        let lowered = SVGText.asciiLowercased(value)
        if let colon = lowered.firstIndex(of: ":") {
            let scheme = String(lowered[..<colon])
            if Self.scriptSchemes.contains(scheme) {
                self = .script(scheme: scheme)
                return
            }
            if scheme == "data" {
                let afterScheme = value[value.index(after: value.firstIndex(of: ":")!)...]
                let comma = afterScheme.firstIndex(of: ",") ?? afterScheme.endIndex
                let header = SVGText.asciiLowercased(String(afterScheme[..<comma]))
                let parts = header.split(separator: ";", omittingEmptySubsequences: false)
                let mediaType = parts.first.map(String.init) ?? ""
                let isBase64 = parts.dropFirst().contains("base64")
                let payload =
                    comma < afterScheme.endIndex ? afterScheme[afterScheme.index(after: comma)...] : afterScheme[afterScheme.endIndex...]
                self = .data(mediaType: mediaType, isBase64: isBase64, payload: payload)
                return
            }
        }
        self = .external
    }

    /// For a `data:` URL holding a PNG, JPEG, GIF or WebP: the format name when the bytes really
    /// start with that format's signature and the media type says the same. `nil` otherwise.
    static func rasterFormat(mediaType: String, isBase64: Bool, payload: Substring) -> String? {
        guard isBase64 else { return nil }
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".unicodeScalars)
        guard payload.unicodeScalars.allSatisfy({ alphabet.contains($0) }) else { return nil }
        let head = decodeBase64Prefix(payload, bytes: 12)
        switch mediaType {
        case "image/png":
            return head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "PNG" : nil
        case "image/jpeg", "image/jpg":
            return head.starts(with: [0xFF, 0xD8, 0xFF]) ? "JPEG" : nil
        case "image/gif":
            return head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) ? "GIF" : nil
        case "image/webp":
            return head.count >= 12 && head.starts(with: Array("RIFF".utf8)) && Array(head[8..<12]) == Array("WEBP".utf8) ? "WebP" : nil
        default:
            return nil
        }
    }

    private static func decodeBase64Prefix(_ text: Substring, bytes wanted: Int) -> [UInt8] {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for scalar in text.unicodeScalars {
            let value: UInt32
            switch scalar {
            case "A"..."Z": value = scalar.value - 65
            case "a"..."z": value = scalar.value - 97 + 26
            case "0"..."9": value = scalar.value - 48 + 52
            case "+": value = 62
            case "/": value = 63
            default: return output
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
                if output.count >= wanted { return output }
            }
        }
        return output
    }
}
