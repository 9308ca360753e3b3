import Foundation
import Testing

@testable import CurlHTTP

/// How one header line from curl is read: trimmed of whitespace and line ends, split at the first
/// colon, name and value trimmed of spaces and tabs, name lower-cased; `HTTP/` starts a response.
@Suite("Header lines")
struct HeaderLineTests {
    static func parsed(_ raw: String) -> HeaderLine? {
        Array(raw.utf8).withUnsafeBufferPointer { HeaderLine(ascii: $0) }
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\n", HeaderLine.status),
        ("HTTP/2 301\r\n", .status),
        ("Content-Type: text/html; charset=utf-8\r\n", .field(name: "content-type", value: "text/html; charset=utf-8")),
        ("\r\n", .other),
        ("", .other),
        ("X-Empty:\r\n", .field(name: "x-empty", value: "")),
        ("X-Spaces:   \t \r\n", .field(name: "x-spaces", value: "")),
        ("  Leading: space\r\n", .field(name: "leading", value: "space")),
        ("Name : value : more\r\n", .field(name: "name", value: "value : more")),
        ("no colon here\r\n", .other),
        ("\tTAB-Name\t:\tvalue\t\r\n", .field(name: "tab-name", value: "value")),
        ("ETag: \"abc\"\r\n", .field(name: "etag", value: "\"abc\"")),
        ("Location: /nb/\r\n", .field(name: "location", value: "/nb/")),
        ("http/1.1 200 OK\r\n", .other),  // the status line is upper-case; this one has no colon
        (":novalue\r\n", .field(name: "", value: "novalue")),
        // Vertical tab and form feed end a line but do not trim a name or value.
        ("Vertical\u{0B}Tab: x\u{0C}\r\n", .field(name: "vertical\u{0B}tab", value: "x")),
        ("Set-Cookie: a=b; Path=/; HttpOnly\n", .field(name: "set-cookie", value: "a=b; Path=/; HttpOnly")),
        ("X-A: \u{0B}v\u{0B} \r\n", .field(name: "x-a", value: "\u{0B}v")),
    ])
    func asciiLinesAreRead(raw: String, expected: HeaderLine) {
        #expect(Self.parsed(raw) == expected)
    }

    @Test func nonASCIILinesUseTheGeneralPath() {
        #expect(Self.parsed("X-Name: Brønnøysund\r\n") == nil)
    }
}
