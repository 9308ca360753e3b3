import Testing

@testable import SVGValidation

@Suite("href values")
struct ReferenceValueTests {
    @Test(
        "Script URLs are found through whitespace, controls and case",
        arguments: [
            "javascript:alert(1)", "JAVASCRIPT:alert(1)", " \tjava\nscript:alert(1)", "java\u{0}script:x",
            "\u{200B}javascript:x", "java\u{00A0}script:x", "vbscript:msgbox", "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(alert(1))",
        ])
    func scriptURLs(_ raw: String) {
        guard case .script = ReferenceValue(raw) else {
            Issue.record("\(raw.debugDescription) was \(ReferenceValue(raw))")
            return
        }
    }

    @Test("Only #fragment is same-document")
    func classification() {
        #expect(ReferenceValue("#logo") == .fragment(id: "logo"))
        #expect(ReferenceValue("  #logo ") == .fragment(id: "logo"))
        #expect(ReferenceValue("") == .empty)
        #expect(ReferenceValue(" \n ") == .empty)
        #expect(ReferenceValue("https://example.org/a.svg#x") == .external)
        #expect(ReferenceValue("//example.org/a.svg") == .external)
        #expect(ReferenceValue("a.svg#x") == .external)
        #expect(ReferenceValue("file:///etc/passwd") == .external)
        #expect(ReferenceValue("ｊａｖａｓｃｒｉｐｔ:alert(1)") == .external)
    }

    @Test("data: URLs are parsed, and rasters must match their signature")
    func dataURLs() {
        let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJ"
        guard case .data(let type, let base64, let payload) = ReferenceValue(png) else {
            Issue.record("not data")
            return
        }
        #expect(type == "image/png" && base64)
        #expect(ReferenceValue.rasterFormat(mediaType: type, isBase64: base64, payload: payload) == "PNG")
        #expect(ReferenceValue.rasterFormat(mediaType: "image/jpeg", isBase64: true, payload: "iVBORw0KGgo=") == nil)
        #expect(ReferenceValue.rasterFormat(mediaType: "image/jpeg", isBase64: true, payload: "/9j/4AAQSkZJRg==") == "JPEG")
        #expect(ReferenceValue.rasterFormat(mediaType: "image/gif", isBase64: true, payload: "R0lGODlhAQABAAAAACw=") == "GIF")
        #expect(ReferenceValue.rasterFormat(mediaType: "image/svg+xml", isBase64: true, payload: "PHN2Zz4=") == nil)
        #expect(ReferenceValue.rasterFormat(mediaType: "image/png", isBase64: false, payload: "%89PNG") == nil)
        #expect(ReferenceValue.rasterFormat(mediaType: "image/png", isBase64: true, payload: "iVBORw0KGgo<script>") == nil)
    }
}
