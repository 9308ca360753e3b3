import SVGValidation
import Testing

@Suite("Limits and speed")
struct LimitsTests {
    static func svg(_ body: String, root: String = "") -> [UInt8] {
        Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\" \(root)>\(body)</svg>".utf8)
    }
    static let rect = "<rect width=\"10\" height=\"10\"/>"

    static func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test("A 1.5 KB start tag with hundreds of attributes is rejected quickly")
    func manyAttributesAreFast() {
        let attributes = (0..<300).map { "a\($0)=\"\"" }.joined(separator: " ")
        let bytes = Self.svg(Self.rect, root: attributes)
        #expect(bytes.count < 2_600)
        var report: SVGReport?
        let time = Self.seconds { report = SVGValidator().validate(bytes) }
        #expect(report?.codes.contains("limits.too-many-attributes") == true)
        #expect(time < 0.5, "took \(time) s")
    }

    @Test("A start tag filling the whole byte budget with attributes stays fast")
    func attributeFloodIsFast() {
        var text = "<svg xmlns=\"http://www.w3.org/2000/svg\""
        var index = 0
        while text.utf8.count < 1_000_000 {
            text += " a\(index)=\"\""
            index += 1
        }
        text += "/>"
        var report: SVGReport?
        // Above the default byte cap on purpose: the attribute cap must do the work.
        let validator = SVGValidator(limits: SVGLimits(maxBytes: 2 << 20))
        let time = Self.seconds { report = validator.validate(Array(text.utf8)) }
        #expect(report?.codes == ["limits.too-many-attributes"])
        #expect(time < 2, "took \(time) s for \(index) attributes")
    }
}

@Suite("Limits at their boundaries")
struct LimitBoundaryTests {
    static func nested(_ depth: Int) -> [UInt8] {
        // The root counts as level 1.
        let inner = String(repeating: "<g>", count: depth - 1) + LimitsTests.rect + String(repeating: "</g>", count: depth - 1)
        return LimitsTests.svg(inner)
    }

    @Test("Nesting up to maxDepth is fine, one more level is rejected")
    func depthBoundary() {
        let validator = SVGValidator(limits: SVGLimits(maxDepth: 8))
        // depth counts the rect too: root + 6 groups + rect = 8 levels.
        #expect(validator.validate(Self.nested(7)).verdict == .accepted)
        let report = validator.validate(Self.nested(8))
        #expect(report.codes.contains("limits.too-deep"))
    }

    @Test("The byte cap is checked before parsing")
    func byteCap() {
        let bytes = LimitsTests.svg(LimitsTests.rect)
        let tight = SVGValidator(limits: SVGLimits(maxBytes: bytes.count - 1)).validate(bytes)
        #expect(tight.codes == ["limits.too-large"])
        #expect(SVGValidator(limits: SVGLimits(maxBytes: bytes.count)).validate(bytes).verdict == .accepted)
    }

    @Test("Element count cap")
    func elementCap() {
        let bytes = LimitsTests.svg(String(repeating: LimitsTests.rect, count: 20))
        #expect(SVGValidator(limits: SVGLimits(maxElements: 21)).validate(bytes).verdict == .accepted)
        #expect(SVGValidator(limits: SVGLimits(maxElements: 20)).validate(bytes).codes.contains("limits.too-many-elements"))
    }

    @Test("Attribute count cap counts attributes, not quoted equals signs")
    func attributeCap() {
        let bytes = LimitsTests.svg("<rect width=\"10\" height=\"10\" data-x=\"a=b=c=d\"/>")
        #expect(SVGValidator(limits: SVGLimits(maxAttributesPerElement: 3)).validate(bytes).verdict == .accepted)
        #expect(SVGValidator(limits: SVGLimits(maxAttributesPerElement: 2)).validate(bytes).codes.contains("limits.too-many-attributes"))
    }

    @Test("use fan-out is measured against maxExpandedNodes")
    func amplificationBoundary() {
        // 1 root + 1 defs + path + g with 10 uses each expanding to 2 nodes, + 1 use of g.
        let body =
            "<defs><path id=\"p\" d=\"M0 0h1v1z\"/><g id=\"g\">" + String(repeating: "<use href=\"#p\"/>", count: 10)
            + "</g></defs><use href=\"#g\"/>"
        let bytes = LimitsTests.svg(body)
        #expect(SVGValidator(limits: SVGLimits(maxExpandedNodes: 1_000)).validate(bytes).verdict == .accepted)
        #expect(SVGValidator(limits: SVGLimits(maxExpandedNodes: 30)).validate(bytes).codes.contains("security.reference-amplification"))
    }
}
