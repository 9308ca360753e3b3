/// SVG Tiny Portable/Secure (BIMI), rule by rule, encoded natively from the BIMI Group RNC and
/// the draft (see docs/svg.md §2). MUST → error, SHOULD → warning. Reported beside the verdict
/// in `SVGReport.tinyPS`; only the `.tinyPS` profile makes these findings count.
enum TinyPSRules {
    /// Root attributes with one fixed value when present.
    static let fixedRootValues: [(String, String)] = [
        ("zoomAndPan", "disable"), ("externalResourcesRequired", "false"), ("focusable", "false"),
        ("playbackOrder", "all"), ("snapshotTime", "none"), ("timelineBegin", "onLoad"),
    ]

    static func check(_ root: XMLElement, byteCount: Int) -> [SVGFinding] {
        var collector = FindingCollector()
        guard root.isSVG, root.name == "svg" else {
            return [
                SVGFinding(
                    .tinyPSElement, severity: .error, line: root.line,
                    message: "Tiny PS: the root element must be <svg> in the SVG namespace.")
            ]
        }
        checkRoot(root, into: &collector)
        checkTitleAndDesc(root, into: &collector)
        checkContent(root, into: &collector)
        if TinyPSColours.distinctColours(root).count < 2 {
            collector.add(
                .tinyPSColours, .warning, line: root.line,
                "Tiny PS: the logo seems to use only one colour; the draft asks for at least two.")
        }
        if byteCount > UsabilityRules.bimiMaxBytes {
            collector.add(.tinyPSSize, .error, line: nil, "Tiny PS: the file is \(byteCount) bytes, over the 32 KB (32 768 bytes) limit.")
        }
        return collector.findings
    }

    private static func checkRoot(_ root: XMLElement, into collector: inout FindingCollector) {
        let line = root.line
        if root.attribute("version") != "1.2" {
            collector.add(.tinyPSVersion, .error, line: line, "Tiny PS: <svg> must have version=\"1.2\".")
        }
        if root.attribute("baseProfile") != "tiny-ps" {
            collector.add(.tinyPSBaseProfile, .error, line: line, "Tiny PS: <svg> must have baseProfile=\"tiny-ps\".")
        }
        for name in ["x", "y"] where root.attribute(name) != nil {
            collector.add(.tinyPSRootPosition, .error, line: line, "Tiny PS: <svg> must not have \(name)=; remove it.")
        }
        for (name, value) in fixedRootValues {
            if let actual = root.attribute(name), actual != value {
                collector.add(
                    .tinyPSFixedAttribute, .error, line: line,
                    "Tiny PS: \(name) on <svg> must be \"\(value)\" if present (it is \"\(SVGText.quote(actual))\").")
            }
        }
        if let aspect = root.attribute("preserveAspectRatio"), !isAllowedPreserveAspectRatio(aspect) {
            collector.add(
                .tinyPSFixedAttribute, .error, line: line,
                "Tiny PS: preserveAspectRatio on <svg> must be \"none\" or \"xMidYMid\" (optionally \"meet\").")
        }
        // Gmail and Apple Mail refuse a logo whose root size is relative (svg.md §1.C).
        for name in ["width", "height"] {
            if let raw = root.attribute(name), SVGLength.parse(raw) == .relative {
                collector.add(
                    .tinyPSRelativeSize, .warning, line: line,
                    "Tiny PS: \(name)=\"\(SVGText.quote(raw))\" on <svg> is relative; mail clients want an absolute size or none (the viewBox is enough)."
                )
            }
        }
        if let raw = root.attribute("viewBox"), let box = SVGLength.viewBox(raw) {
            if box[2] > 0, box[3] > 0, abs(box[2] - box[3]) > 0.001 * max(box[2], box[3]) {
                collector.add(
                    .tinyPSSquare, .warning, line: line,
                    "Tiny PS: the viewBox should be square; receivers show the logo in a circle or square.")
            }
        } else {
            collector.add(.tinyPSViewBox, .error, line: line, "Tiny PS: <svg> needs a viewBox of four numbers.")
        }
    }

    /// RNC pattern `\s*(none|xMidYMid)\s*(meet)?\s*`.
    private static func isAllowedPreserveAspectRatio(_ value: String) -> Bool {
        let words = value.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = words.first, first == "none" || first == "xMidYMid" else { return false }
        return words.count == 1 || (words.count == 2 && words[1] == "meet")
    }

    private static func checkTitleAndDesc(_ root: XMLElement, into collector: inout FindingCollector) {
        let children = root.childElements
        let titles = children.filter { $0.isSVG && $0.name == "title" }
        if titles.isEmpty {
            collector.add(
                .tinyPSTitle, .error, line: root.line, "Tiny PS: add a <title> with the organisation's name as the first element in <svg>.")
        } else {
            if children.first.map({ !($0.isSVG && $0.name == "title") }) ?? true {
                collector.add(.tinyPSTitle, .error, line: titles[0].line, "Tiny PS: <title> must be the first element in <svg>.")
            }
            if titles.count > 1 {
                collector.add(.tinyPSTitle, .error, line: titles[1].line, "Tiny PS: <svg> must have only one <title>.")
            }
            let text = SVGText.trimmed(titles[0].text)
            if text.isEmpty {
                collector.add(
                    .tinyPSTitle, .error, line: titles[0].line, "Tiny PS: <title> must not be empty; write the organisation's name.")
            } else if text.count > 64 {
                collector.add(.tinyPSTitle, .warning, line: titles[0].line, "Tiny PS: <title> should be at most 64 characters.")
            } else if SVGText.asciiLowercased(text).hasPrefix("bimi-svg-tiny") {
                collector.add(
                    .tinyPSTitle, .warning, line: titles[0].line,
                    "Tiny PS: <title> is the converter's default \"\(SVGText.quote(text))\"; write the organisation's name.")
            }
        }
        for desc in children where desc.isSVG && desc.name == "desc" && SVGText.isBlank(desc.text) {
            collector.add(.tinyPSDesc, .error, line: desc.line, "Tiny PS: <desc> must not be empty; describe the logo or remove it.")
        }
    }

    private static func checkContent(_ root: XMLElement, into collector: inout FindingCollector) {
        root.forEachElement { element in
            let tag = ElementTag(element: element)
            guard element.isSVG, let allowedAttributes = TinyPSVocabulary.attributes[element.name] else {
                collector.add(.tinyPSElement, .error, line: element.line, "Tiny PS: \(tag) is not allowed; remove it.")
                return
            }
            // A parent outside the profile is reported on its own; its children are not judged.
            if let parent = element.parent, parent.isSVG, TinyPSVocabulary.attributes[parent.name] != nil,
                !(TinyPSVocabulary.children[parent.name] ?? []).contains(element.name)
            {
                collector.add(
                    .tinyPSElement, .error, line: element.line,
                    "Tiny PS: \(tag) is not allowed inside <\(SVGText.quote(parent.qualifiedName))>.")
            }
            for attribute in element.attributes {
                let name = AttributeLabel(attribute: attribute)
                switch attribute.namespaceURI {
                case nil:
                    if attribute.name == "style" {
                        collector.add(
                            .tinyPSStyle, .error, line: attribute.line ?? element.line,
                            "Tiny PS: the style attribute is not allowed; use presentation attributes such as fill=.")
                    } else if !allowedAttributes.contains(attribute.name) {
                        collector.add(
                            .tinyPSAttribute, .error, line: attribute.line ?? element.line,
                            "Tiny PS: \(name) is not allowed on \(tag); remove it.")
                    }
                case XMLNamespace.xml? where element.name != "metadata" && TinyPSVocabulary.xmlAttributes.contains(attribute.name):
                    break
                case XMLNamespace.xlink? where attribute.name == "href" && element.name == "use":
                    collector.add(
                        .tinyPSXLinkHref, .warning, line: attribute.line ?? element.line,
                        "Tiny PS: write href instead of \(name) on \(tag).")
                default:
                    collector.add(
                        .tinyPSAttribute, .error, line: attribute.line ?? element.line,
                        "Tiny PS: \(name) is not allowed on \(tag); remove it.")
                }
            }
        }
    }
}
