import Foundation
import Testing

@testable import HTTPSurface

/// The strict multipart reader of the supply form, on bodies shaped like a browser's and curl's.
@Suite struct ReviewMultipartFormTests {
    static let boundary = "----orgprofileBoundary7MA4YWxkTrZu0gW"

    static func body(_ parts: [(header: String, body: String)], close: Bool = true) -> [UInt8] {
        var text = ""
        for part in parts { text += "--\(boundary)\r\n\(part.header)\r\n\r\n\(part.body)\r\n" }
        if close { text += "--\(boundary)--\r\n" }
        return Array(text.utf8)
    }

    @Test func readsFieldsAndAFileAsABrowserSendsThem() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\">\r\n<rect width=\"1\" height=\"1\"/></svg>"
        let form = try ReviewMultipartForm(
            body: Self.body([
                ("Content-Disposition: form-data; name=\"csrf\"", "abc"),
                ("Content-Disposition: form-data; name=\"logo\"; filename=\"logo; v2.svg\"\r\nContent-Type: image/svg+xml", svg),
                ("Content-Disposition: form-data; name=\"email\"", ""),
                ("content-disposition: form-data; name=\"phone\"", "22 45 10 00"),
            ]), boundary: Self.boundary)
        #expect(form.parts.map(\.name) == ["csrf", "logo", "email", "phone"])
        #expect(form.part("logo")?.filename == "logo; v2.svg" && form.part("logo")?.contentType == "image/svg+xml")
        #expect(form.text("logo") == svg, "CRLF inside a part is kept")
        #expect(form.text("email") == "" && form.text("phone") == "22 45 10 00")
    }

    @Test func theBoundaryComesFromTheContentType() {
        #expect(ReviewMultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(ReviewMultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(ReviewMultipartForm.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(ReviewMultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(ReviewMultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }

    @Test func malformedBodiesAreRefusedWithASentence() {
        let cases: [[UInt8]] = [
            Array("no boundary here".utf8),
            Self.body([("Content-Disposition: form-data; name=\"a\"", "x")], close: false).dropLast(10).map { $0 },
            Self.body([("Content-Disposition: form-data", "x")]),
            Self.body([("Content-Disposition: attachment; name=\"a\"", "x")]),
            Self.body([("Content-Disposition form-data name=a", "x")]),
            Array("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line--\(Self.boundary)--".utf8),
        ]
        for body in cases {
            #expect(throws: ReviewMultipartForm.Malformed.self, "\(String(decoding: body, as: UTF8.self))") {
                try ReviewMultipartForm(body: body, boundary: Self.boundary)
            }
        }
    }

    @Test func thePartCountIsBounded() {
        let parts = (0..<20).map { (header: "Content-Disposition: form-data; name=\"f\($0)\"", body: "x") }
        #expect(throws: ReviewMultipartForm.Malformed.self) { try ReviewMultipartForm(body: Self.body(parts), boundary: Self.boundary) }
    }
}
