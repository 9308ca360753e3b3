import Foundation
import Testing
@testable import CurlHTTP

/// The byte-level reading of ASCII header lines must give what the String-based reading gives.
@Suite("Header lines")
struct HeaderLineTests {
    /// The String-based reading in `curlTransferHeader`, used for lines with non-ASCII bytes.
    static func reference(_ raw: String) -> HeaderLine {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") { return .status }
        guard let colon = line.firstIndex(of: ":") else { return .other }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return .field(name: name, value: value)
    }

    static func parsed(_ raw: String) -> HeaderLine? {
        Array(raw.utf8).withUnsafeBufferPointer { HeaderLine(ascii: $0) }
    }

    @Test(arguments: [
        "HTTP/1.1 200 OK\r\n", "HTTP/2 301\r\n", "Content-Type: text/html; charset=utf-8\r\n", "\r\n", "",
        "X-Empty:\r\n", "X-Spaces:   \t \r\n", "  Leading: space\r\n", "Name : value : more\r\n", "no colon here\r\n",
        "\tTAB-Name\t:\tvalue\t\r\n", "ETag: \"abc\"\r\n", "Location: /nb/\r\n", "http/1.1 200 OK\r\n", ":novalue\r\n",
        "Vertical\u{0B}Tab: x\u{0C}\r\n", "Set-Cookie: a=b; Path=/; HttpOnly\n",
    ])
    func asciiLinesReadAsBefore(raw: String) {
        #expect(Self.parsed(raw) == Self.reference(raw))
    }

    @Test func nonASCIILinesUseTheGeneralPath() {
        #expect(Self.parsed("X-Name: Brønnøysund\r\n") == nil)
    }
}
