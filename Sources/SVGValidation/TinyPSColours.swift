/// The Tiny PS draft's "at least two colours when rendered", approximated statically: the
/// distinct paint values in `fill`, `stroke`, `stop-color`, `solid-color` and `color` attributes,
/// `style=` declarations and `<style>` sheets, plus the default black of a shape that never sets
/// `fill`. It cannot
/// see opacity, overlap or what a gradient looks like, so the result is only a warning.
enum TinyPSColours {
    private static let paintProperties: Set<String> = ["fill", "stroke", "stop-color", "solid-color", "color"]
    private static let shapes: Set<String> = ["path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "textArea"]
    /// Values that are not a colour of their own.
    private static let notColours: Set<String> = ["none", "transparent", "currentcolor", "inherit", "initial", "unset", ""]

    static func distinctColours(_ root: XMLElement) -> Set<String> {
        var colours: Set<String> = []
        var shapeWithDefaultFill = false
        var stylesheetSetsFill = false
        root.forEachElement { element in
            guard element.isSVG, element.name == "style" else { return }
            for (property, value) in stylesheetDeclarations(element.allText) where paintProperties.contains(property) {
                stylesheetSetsFill = stylesheetSetsFill || property == "fill"
                if let colour = normalised(value) { colours.insert(colour) }
            }
        }
        root.forEachElement { element in
            guard element.isSVG else { return }
            var setsFill = false
            for attribute in element.attributes where attribute.namespaceURI == nil {
                if paintProperties.contains(attribute.name) {
                    setsFill = setsFill || attribute.name == "fill"
                    if let colour = normalised(attribute.value) { colours.insert(colour) }
                } else if attribute.name == "style" {
                    for (property, value) in declarations(attribute.value) where paintProperties.contains(property) {
                        setsFill = setsFill || property == "fill"
                        if let colour = normalised(value) { colours.insert(colour) }
                    }
                }
            }
            // A class may get its fill from the stylesheet; then the default black is not certain.
            let styledByClass = stylesheetSetsFill && element.attribute("class") != nil
            if shapes.contains(element.name) && !setsFill && !styledByClass
                && !element.hasAncestor(where: { ancestor in
                    ancestor.attribute("fill") != nil || declarations(ancestor.attribute("style") ?? "").contains { $0.0 == "fill" }
                })
            {
                shapeWithDefaultFill = true
            }
        }
        if shapeWithDefaultFill { colours.insert("#000000") }
        return colours
    }

    /// `property: value` pairs anywhere in a stylesheet, read from CSS tokens: an identifier,
    /// a colon, then hash and identifier tokens up to `;` or `}`.
    private static func stylesheetDeclarations(_ css: String) -> [(String, String)] {
        let tokens = CSSTokenizer.tokenize(css).filter { $0 != .whitespace }
        var result: [(String, String)] = []
        var index = 0
        while index + 2 < tokens.count {
            if case .ident(let property) = tokens[index], tokens[index + 1] == .colon {
                var value = ""
                var next = index + 2
                while next < tokens.count, tokens[next] != .semicolon, tokens[next] != .closeCurly {
                    switch tokens[next] {
                    case .hash(let hex): value += "#" + hex
                    case .ident(let name): value += name
                    default: value += " "
                    }
                    next += 1
                }
                result.append((SVGText.asciiLowercased(property), value))
                index = next
            } else {
                index += 1
            }
        }
        return result
    }

    /// `property: value` pairs of a declaration list, split on `;` and `:` (good enough for colours).
    private static func declarations(_ style: String) -> [(String, String)] {
        style.split(separator: ";").compactMap { declaration in
            let parts = declaration.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (SVGText.asciiLowercased(SVGText.trimmed(String(parts[0]))), SVGText.trimmed(String(parts[1])))
        }
    }

    /// Lowercase, `#abc` → `#aabbcc`, a few names → hex; `url(…)` and non-colours → nil.
    static func normalised(_ raw: String) -> String? {
        var value = SVGText.asciiLowercased(SVGText.trimmed(raw))
        if let important = value.firstIndex(of: "!") { value = SVGText.trimmed(String(value[..<important])) }
        if notColours.contains(value) || value.hasPrefix("url(") { return nil }
        if value.hasPrefix("#"), value.count == 4 {
            return "#" + value.dropFirst().map { "\($0)\($0)" }.joined()
        }
        let names = ["black": "#000000", "white": "#ffffff", "red": "#ff0000", "blue": "#0000ff", "green": "#008000"]
        return names[value] ?? value
    }
}
