import Foundation
import NIOCore
import Testing
import TestSupport

@testable import HTTPSurface

@Suite struct ListenAddressTests {
    @Test(arguments: [
        (":8080", "127.0.0.1", 8080, true), ("127.0.0.1:0", "127.0.0.1", 0, true), ("localhost:80", "127.0.0.1", 80, true),
        ("[::1]:9000", "::1", 9000, true), ("0.0.0.0:8080", "0.0.0.0", 8080, false), ("10.1.2.3:443", "10.1.2.3", 443, false),
        ("[::]:8080", "::", 8080, false), ("127.8.9.10:1", "127.8.9.10", 1, true), ("[::ffff:127.0.0.1]:5", "::ffff:127.0.0.1", 5, true),
    ])
    func parses(text: String, host: String, port: Int, loopback: Bool) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.isLoopback == loopback)
    }

    @Test(arguments: ["8080", "127.0.0.1:", "127.0.0.1:-1", "127.0.0.1:65536", "host.example:80", "::1:80", "[nonsense]:80", "1.2.3:80"])
    func refuses(text: String) {
        #expect(throws: ListenAddressError.self) { try ListenAddress(parsing: text) }
    }

    @Test func urlBracketsIPv6() throws {
        #expect(try ListenAddress(parsing: "[::1]:9000").url == "http://[::1]:9000")
        #expect(try ListenAddress(parsing: ":9000").url == "http://127.0.0.1:9000")
    }
}

@Suite struct ProfileQueryTests {
    @Test func rfc3339TimesWithOffsetsAndFractions() {
        let base = RFC3339.date("2026-11-24T21:00:00Z")
        #expect(base == Date(timeIntervalSince1970: 1_795_554_000))
        #expect(RFC3339.date("2026-11-24T22:00:00+01:00") == base)
        #expect(RFC3339.date("2026-11-24t20:30:00-00:30") == base)
        #expect(RFC3339.date("2026-11-24T21:00:00.250Z") == base.map { $0.addingTimeInterval(0.25) })
        for bad in [
            "2026-11-24", "2026-11-24T21:00:00", "2026-02-30T00:00:00Z", "2026-11-24T25:00:00Z", "2026-11-24T21:00:00+0100", "yesterday",
            "",
        ] {
            #expect(RFC3339.date(bad) == nil, "\(bad)")
        }
    }

    @Test func parametersAreCheckedAndCanonical() throws {
        let one = try ProfileQuery(query: "missing=phone,logo&status=active")
        let two = try ProfileQuery(query: "status=active&missing=logo&missing=phone")
        #expect(one == two)
        #expect(one.canonical == two.canonical)
        #expect(try ProfileQuery(query: nil).isEmpty)
        #expect(try ProfileQuery(query: "changedSince=2026-11-24T22:00:00%2B01:00").changedSince == RFC3339.date("2026-11-24T21:00:00Z"))
        for (query, named) in [
            ("status=gone", "'gone'"), ("missing=fax", "'fax'"), ("limit=5", "'limit'"), ("changedSince=2026", "'2026'"),
        ] {
            #expect {
                try ProfileQuery(query: query)
            } throws: { error in
                "\(error)".contains(named)
            }
        }
    }
}

@Suite struct TokenFileTests {
    func file(_ text: String, mode: mode_t = 0o600) throws -> String {
        let path = Scratch.root + "/tokens-\(UUID().uuidString)"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode)
        return path
    }

    @Test func namesTokensAndSkipsComments() throws {
        let tokens = try TokenFile(path: try file("# staff\nkari: 0123456789abcdefghij # desk 4\n\nola:ZYXWVUTSRQPONMLKJI\n"))
        #expect(tokens.name(of: "0123456789abcdefghij") == "kari")
        #expect(tokens.name(of: "ZYXWVUTSRQPONMLKJI") == "ola")
        #expect(tokens.name(of: "0123456789abcdefghi") == nil)
        #expect(tokens.name(of: "") == nil)
        #expect(tokens.tokenNames == ["kari", "ola"])
    }

    @Test(arguments: [
        ("kari:short\n", 0o600 as mode_t, "shorter than 16"), ("no colon here\n", 0o600, "NAME:TOKEN"),
        ("\n# none\n", 0o600, "holds no token"),
        ("kari:0123456789abcdefghij\n", 0o644, "readable by every user"), ("a b:0123456789abcdefghij\n", 0o600, "the name must be"),
    ])
    func refuses(text: String, mode: mode_t, problem: String) throws {
        let path = try file(text, mode: mode)
        #expect {
            try TokenFile(path: path)
        } throws: { error in
            "\(error)".contains(problem) && "\(error)".contains(path)
        }
    }
}

@Suite struct FormFieldTests {
    @Test func urlEncodedAndMultipart() {
        var buffer = ByteBuffer(string: "csrf=a%2Bb&field=logo")
        #expect(FormFields.value(named: "csrf", in: buffer, contentType: "application/x-www-form-urlencoded") == "a+b")
        let body =
            "--B\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"csrf\"\r\n\r\n<svg/>\r\n--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n--B--\r\n"
        buffer = ByteBuffer(string: body)
        #expect(FormFields.value(named: "csrf", in: buffer, contentType: "multipart/form-data; boundary=\"B\"") == "tok")
        #expect(FormFields.value(named: "csrf", in: buffer, contentType: "text/plain") == nil)
    }
}
