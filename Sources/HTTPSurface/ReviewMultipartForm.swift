import Foundation

/// A strict reader of `multipart/form-data` bodies (RFC 7578) for the supply form: parts named by
/// `Content-Disposition: form-data; name="…"` (with an optional `filename`), separated by the
/// boundary of the `Content-Type`. Anything malformed is refused with a sentence rather than
/// guessed at. Hummingbird 2.28 has no multipart reader of its own.
struct ReviewMultipartForm: Sendable {
    struct Part: Sendable, Equatable {
        var name: String
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    var parts: [Part]

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of the first part named `name`, as UTF-8.
    func text(_ name: String) -> String? { part(name).map { String(decoding: $0.body, as: UTF8.self) } }

    /// The `boundary` parameter of a `multipart/form-data` content type; nil for any other type.
    static func boundary(contentType: String?) -> String? {
        guard let contentType else { return nil }
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            // RFC 2046: 1 to 70 characters.
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    init(parts: [Part]) { self.parts = parts }

    /// Reads `body`; `maximumParts` bounds the work an odd body can cause.
    init(body: [UInt8], boundary: String, maximumParts: Int = 16) throws(Malformed) {
        let delimiter = Array("--\(boundary)".utf8)
        let crlf: [UInt8] = [13, 10]
        guard let first = Self.find(delimiter, in: body, from: 0) else {
            throw Malformed(description: "the form body has no part with the boundary its Content-Type names")
        }
        var position = first + delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if body.count >= position + 2 && body[position] == 45 && body[position + 1] == 45 { break }
            guard body.count >= position + 2, Array(body[position..<position + 2]) == crlf else {
                throw Malformed(description: "the form body is cut off or malformed after a boundary")
            }
            position += 2
            guard let next = Self.find(crlf + delimiter, in: body, from: position) else {
                throw Malformed(description: "the form body ends inside a part (no closing boundary)")
            }
            let content = Array(body[position..<next])
            guard let split = Self.find([13, 10, 13, 10], in: content, from: 0) else {
                throw Malformed(description: "a part of the form has no header")
            }
            parts.append(try Self.part(header: content[..<split], body: Array(content[(split + 4)...])))
            guard parts.count <= maximumParts else {
                throw Malformed(description: "the form has more than \(maximumParts) parts")
            }
            position = next + 2 + delimiter.count
        }
        self.parts = parts
    }

    private static func part(header: ArraySlice<UInt8>, body: [UInt8]) throws(Malformed) -> Part {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in String(decoding: header, as: UTF8.self).components(separatedBy: "\r\n") where !line.isEmpty {
            let pair = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { throw Malformed(description: "a part header line is not 'Name: value'") }
            switch pair[0].lowercased() {
            case "content-disposition":
                let parameters = Self.parameters(pair[1])
                guard parameters.kind == "form-data" else {
                    throw Malformed(description: "a part is not form-data (Content-Disposition: \(pair[1]))")
                }
                name = parameters.values["name"]
                filename = parameters.values["filename"]
            case "content-type":
                contentType = pair[1]
            default:
                continue
            }
        }
        guard let name, !name.isEmpty else { throw Malformed(description: "a part of the form has no name") }
        return Part(name: name, filename: filename, contentType: contentType, body: body)
    }

    /// `form-data; name="logo"; filename="a.svg"` → kind and parameters (quoted values unquoted,
    /// `\"` and `\\` unescaped; a `;` inside quotes stays in the value).
    static func parameters(_ text: String) -> (kind: String, values: [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        var values: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, values[pair[0].lowercased()] == nil { values[pair[0].lowercased()] = pair[1] }
        }
        return (pieces[0].trimmingCharacters(in: .whitespaces).lowercased(), values)
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] {
                var match = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }
}
