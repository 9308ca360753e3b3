import SVGValidation
import Testing

/// libxml2 2.9.14 checks each attribute of a start tag against all earlier ones, so one tag
/// with tens of thousands of attributes takes seconds. `MarkupPrescan` counts attributes before
/// libxml2 runs; these inputs try to hide such a tag from the pre-scan inside constructs the two
/// could read differently after an error (comments, PIs, DOCTYPE, end tags, quoted values).
@Suite("Pre-scan cannot be bypassed")
struct PrescanDesyncTests {
    static let flood: String = {
        var text = "<g"
        for index in 0..<150_000 { text += " a\(index)=\"\"" }
        return text + ">"
    }()

    static let hidingPlaces: [(String, String)] = [
        ("comment with a control character", "<!-- \u{1} FLOOD -->"),
        ("CDATA with a control character", "<![CDATA[ \u{1} FLOOD ]]>"),
        ("PI without a target", "<? FLOOD ?>"),
        ("PI with a non-ASCII target", "<?\u{D7}FLOOD?>"),
        ("PI with a control character", "<?pi \u{1} FLOOD ?>"),
        ("end tag that does not close", "</g FLOOD"),
        ("quoted attribute value", "<g a=\"FLOOD\"/>"),
        ("single-quoted attribute value", "<g a='FLOOD'/>"),
        ("DOCTYPE inside content", "<!DOCTYPE \"FLOOD\">"),
        ("unknown declaration inside content", "<!FOO \"FLOOD\">"),
        ("U+FFFF in a comment", "<!-- \u{FFFF} FLOOD -->"),
    ]

    @Test("A flood hidden in content is rejected quickly", arguments: hidingPlaces.map(\.0))
    func hiddenInContent(_ name: String) {
        let place = Self.hidingPlaces.first { $0.0 == name }!.1.replacingFlood(with: Self.flood)
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/>\(place)</svg>"
        expectFastRejection(text, name)
    }

    @Test(
        "A flood hidden in the DOCTYPE is rejected quickly",
        arguments: [
            "<!DOCTYPE svg [ FLOOD ]>",
            "<!DOCTYPE svg [ <!ENTITY x \"a\"> FLOOD ]>",
            "<!DOCTYPE svg [ <!ELEMENT x \"FLOOD\"> ]>",
            "<!DOCTYPE svg [ <!-- \u{1} --> FLOOD ]>",
            "<!DOCTYPE svg [ <? FLOOD ?> ]>",
        ])
    func hiddenInDoctype(_ doctype: String) {
        let text =
            doctype.replacingFlood(with: Self.flood)
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"><rect width=\"1\" height=\"1\"/></svg>"
        expectFastRejection(text, doctype)
    }

    func expectFastRejection(_ text: String, _ label: String) {
        let clock = ContinuousClock()
        var report: SVGReport?
        // 150 000 attributes in one tag would keep libxml2 busy for about 40 s; a linear pass
        // over these ~2 MB takes well under a second even in a debug build.
        let validator = SVGValidator(limits: SVGLimits(maxBytes: 4 << 20))
        let elapsed = clock.measure { report = validator.validate(Array(text.utf8)) }
        #expect(report?.verdict == .rejected, "\(label)")
        #expect(elapsed < .seconds(2), "\(label): \(elapsed)")
    }
}

extension String {
    fileprivate func replacingFlood(with flood: String) -> String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: "FLOOD") {
            result += rest[..<range.lowerBound] + flood
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
