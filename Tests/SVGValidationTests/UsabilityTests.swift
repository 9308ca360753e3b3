import SVGValidation
import Testing

@Suite("Usability rules")
struct UsabilityTests {
    let validator = SVGValidator()
    let rect = "<rect width=\"10\" height=\"10\" fill=\"#123\"/>"

    func report(_ rootAttributes: String, _ body: String? = nil) -> SVGReport {
        validator.validate(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" \(rootAttributes)>\(body ?? rect)</svg>".utf8))
    }

    @Test("Size comes from width/height in absolute units, else from the viewBox")
    func intrinsicSize() throws {
        let pixels = try #require(report("width=\"200\" height=\"100\"").intrinsicSize)
        #expect(pixels.width == 200 && pixels.height == 100 && pixels.aspectRatio == 2)
        let units = try #require(report("width=\"1in\" height=\"72pt\"").intrinsicSize)
        #expect(units.width == 96 && units.height == 96)
        let box = try #require(report("width=\"100%\" height=\"100%\" viewBox=\"0,0 300 150\"").intrinsicSize)
        #expect(box.width == nil && box.viewBox == [0, 0, 300, 150] && box.aspectRatio == 2)
    }

    @Test(
        "No viewBox and no absolute size is a warning, not a rejection", arguments: ["", "width=\"100%\" height=\"100%\"", "width=\"120\""])
    func noDimensions(_ attributes: String) {
        let result = report(attributes)
        #expect(result.verdict == .accepted)
        #expect(result.codes.contains("usability.no-dimensions"))
    }

    @Test("A viewBox alone is enough")
    func viewBoxAlone() {
        #expect(!report("viewBox=\"0 0 10 10\"").codes.contains("usability.no-dimensions"))
    }

    @Test(
        "Zero or negative size rejects; a malformed viewBox warns",
        arguments: [
            ("viewBox=\"0 0 10 0\"", "usability.zero-size"), ("width=\"0\" height=\"10\"", "usability.zero-size"),
            ("width=\"-5\" height=\"10\" viewBox=\"0 0 1 1\"", "usability.zero-size"),
        ])
    func zeroSize(_ attributes: String, _ code: String) {
        let result = report(attributes)
        #expect(result.verdict == .rejected)
        #expect(result.codes.contains(code))
    }

    @Test("Malformed viewBox and lengths warn")
    func malformedValues() {
        #expect(report("viewBox=\"0 0 10\" width=\"10\" height=\"10\"").codes.contains("usability.invalid-viewbox"))
        #expect(report("viewBox=\"0 0 10 10\" width=\"wide\"").codes.contains("usability.invalid-length"))
    }

    @Test(
        "Nothing drawable outside defs rejects",
        arguments: [
            "", "<defs><rect id=\"a\" width=\"1\" height=\"1\"/></defs>", "<path d=\"  \"/>", "<text> </text>",
            "<clipPath id=\"c\"><rect width=\"1\" height=\"1\"/></clipPath>",
        ])
    func nothingDrawable(_ body: String) {
        #expect(report("viewBox=\"0 0 10 10\"", body).codes.contains("usability.nothing-drawable"))
    }

    @Test(
        "Text and use count as drawable",
        arguments: [
            "<text y=\"5\">Nav</text>", "<text><tspan>Nav</tspan></text>",
            "<defs><rect id=\"a\" width=\"1\" height=\"1\"/></defs><use href=\"#a\"/>",
        ])
    func drawable(_ body: String) {
        let result = report("viewBox=\"0 0 10 10\"", body)
        #expect(result.verdict == .accepted, "\(result.findings)")
    }

    @Test("A PNG wrapped in SVG is accepted with a raster warning")
    func rasterOnly() {
        let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        let result = report("viewBox=\"0 0 10 10\"", "<image width=\"10\" height=\"10\" href=\"data:image/png;base64,\(png)\"/>")
        #expect(result.verdict == .accepted)
        #expect(result.codes.contains("usability.raster-only"))
        #expect(result.codes.contains("usability.embedded-raster"))
        #expect(result.tinyPS?.conforms == false)
    }

    @Test("Same-document references are fine; broken ones warn")
    func references() {
        let body =
            "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#000\"/></linearGradient><path id=\"p\" d=\"M0 0h1v1z\"/></defs><use xlink:href=\"#p\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/><rect width=\"1\" height=\"1\" fill=\"url(#g)\"/><rect width=\"1\" height=\"1\" fill=\"url(#missing)\"/>"
        let result = report("viewBox=\"0 0 10 10\"", body)
        #expect(result.verdict == .accepted, "\(result.findings)")
        #expect(result.codes == ["usability.broken-reference"])
    }

    @Test("BIMI's 32 KB is reported as info only")
    func bimiSize() {
        let big = String(repeating: "<rect width=\"1\" height=\"1\" fill=\"#000\"/>\n", count: 900)
        let result = report("viewBox=\"0 0 10 10\"", big)
        #expect(result.verdict == .accepted)
        #expect(result.findings.first { $0.code == "usability.bimi-size" }?.severity == .info)
        #expect(result.byteCount.map { $0 > 32_768 } == true)
    }

    @Test("Any prefix for the SVG namespace is fine")
    func prefixedRoot() {
        let text = "<s:svg xmlns:s=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><s:rect width=\"10\" height=\"10\"/></s:svg>"
        #expect(validator.validate(Array(text.utf8)).verdict == .accepted)
    }
}
