internal import CLibXML2

/// The libxml2 side of `TinyPSCopy`: after the repair's cleaning, the edits that make a logo
/// Tiny PS without changing what is drawn (each one a `TinyPSFix`). Whether the result conforms
/// is not decided here: `TinyPSCopy` runs the validator on the bytes this returns.
enum TinyPSRewriter {
    /// Attribute names (no namespace) that never draw: scripting data, accessibility hooks, and
    /// `enable-background` (only read for filters' BackgroundImage, which Tiny PS has no way to use).
    private static func isInvisible(_ name: String) -> Bool {
        name.hasPrefix("data-") || name.hasPrefix("aria-") || name == "tabindex" || name == "enable-background"
            || name.hasPrefix("-inkscape-")
    }

    /// Returns the rewritten bytes (the input itself when nothing changed) and what was fixed;
    /// nil when the bytes do not parse again.
    static func rewrite(_ bytes: [UInt8], title: String?) -> (bytes: [UInt8], fixes: Set<TinyPSFix>)? {
        LibXML2Rewriter.withDocument(bytes) { doc, root in
            var fixes = Set<TinyPSFix>()
            let removals = LibXML2Rewriter.clean(doc, root: root)
            if removals.comments > 0 { fixes.insert(.comments) }
            if removals.metadata > 0 { fixes.insert(.metadata) }
            if removals.doctype { fixes.insert(.doctype) }
            if removals.editorElements + removals.editorAttributes + removals.namespaceDeclarations > 0 { fixes.insert(.editorMarkup) }
            if removals.unusedDefinitions > 0 { fixes.insert(.unusedDefinitions) }

            removeForeignElements(root, fixes: &fixes)
            inlineStyles(root, fixes: &fixes)
            cleanAttributes(root, isRoot: true, fixes: &fixes)
            removeMisplacedDocumentation(root, fixes: &fixes)
            fixRootAttributes(root, fixes: &fixes)
            setTitle(root, doc: doc, title: title, fixes: &fixes)
            var pruned = SVGRepairRemovals()
            LibXML2Rewriter.pruneDefinitions(root, removals: &pruned)
            if pruned.unusedDefinitions > 0 { fixes.insert(.unusedDefinitions) }

            guard !fixes.isEmpty else { return (bytes, fixes) }
            return (LibXML2Rewriter.serialise(doc), fixes)
        }
    }

    // MARK: - Helpers

    private static func elementChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetNoNsProp(node, name) else { return nil }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    private static func text(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { clibxml2_free(value) }
        return String(cString: value)
    }

    private static func attributeName(_ attribute: xmlAttrPtr) -> String {
        attribute.pointee.name.map { String(cString: $0) } ?? ""
    }

    // MARK: - Elements never drawn

    /// Elements outside the SVG namespace (editor ones already went with the cleaning): SVG
    /// renderers do not draw unknown elements or anything inside them.
    private static func removeForeignElements(_ element: xmlNodePtr, fixes: inout Set<TinyPSFix>) {
        for child in elementChildren(element) {
            if LibXML2Rewriter.namespace(child) != XMLNamespace.svg {
                LibXML2Rewriter.remove(child)
                fixes.insert(.foreignElements)
            } else {
                removeForeignElements(child, fixes: &fixes)
            }
        }
    }

    /// `<title>` and `<desc>` anywhere but directly in `<svg>`, and an empty `<desc>` there:
    /// text for assistive technology, never drawn; Tiny PS allows them only as the root's children.
    private static func removeMisplacedDocumentation(_ root: xmlNodePtr, fixes: inout Set<TinyPSFix>) {
        func walk(_ element: xmlNodePtr, isRoot: Bool) {
            for child in elementChildren(element) {
                let documentation = LibXML2Rewriter.isSVG(child, "title") || LibXML2Rewriter.isSVG(child, "desc")
                if documentation && !isRoot {
                    LibXML2Rewriter.remove(child)
                    fixes.insert(.documentation)
                } else if isRoot && LibXML2Rewriter.isSVG(child, "desc") && SVGText.isBlank(text(child)) {
                    LibXML2Rewriter.remove(child)
                    fixes.insert(.documentation)
                } else if !documentation {
                    walk(child, isRoot: false)
                }
            }
        }
        walk(root, isRoot: true)
    }

    // MARK: - Attributes never drawn

    private static func cleanAttributes(_ element: xmlNodePtr, isRoot: Bool, fixes: inout Set<TinyPSFix>) {
        var next = element.pointee.properties
        while let current = next {
            next = current.pointee.next
            let name = attributeName(current)
            switch current.pointee.ns?.pointee.href.map({ String(cString: $0) }) {
            case nil:
                if isInvisible(name) || (!isRoot && name == "focusable") {
                    xmlRemoveProp(current)
                    fixes.insert(.invisibleAttributes)
                }
            case XMLNamespace.xml?:
                break
            case XMLNamespace.xlink? where name == "href":
                // On <use> the profile spells it href; elsewhere (gradients) it draws, so it stays and blocks.
                if LibXML2Rewriter.isSVG(element, "use"), attribute(element, "href") == nil {
                    let value = text(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                    xmlRemoveProp(current)
                    xmlSetNsProp(element, nil, "href", value)
                    fixes.insert(.useHref)
                }
            default:
                // xlink:title, xlink:type… and attributes in any other namespace: renderers ignore them.
                xmlRemoveProp(current)
                fixes.insert(.invisibleAttributes)
            }
        }
        for child in elementChildren(element) { cleanAttributes(child, isRoot: false, fixes: &fixes) }
    }

    // MARK: - Styles

    /// A declaration list (`fill: #fff; stroke-width: 0px`), or nil when any declaration is
    /// not a plain presentation property with a plain value (those would change the drawing if
    /// dropped, or cannot be written as an attribute). Invisible properties are left out and
    /// reported through `droppedInvisible`.
    static func declarations(_ text: String, droppedInvisible: inout Bool) -> [(String, String)]? {
        var result: [(String, String)] = []
        for declaration in text.split(separator: ";", omittingEmptySubsequences: false) {
            let trimmed = SVGText.trimmed(String(declaration))
            if trimmed.isEmpty { continue }
            guard let colon = trimmed.firstIndex(of: ":") else { return nil }
            let property = SVGText.asciiLowercased(SVGText.trimmed(String(trimmed[..<colon])))
            let value = SVGText.trimmed(String(trimmed[trimmed.index(after: colon)...]))
            if isInvisible(property) {
                droppedInvisible = true
                continue
            }
            guard TinyPSVocabulary.presentation.contains(property), !value.isEmpty, isPlainValue(value) else { return nil }
            result.append((property, value))
        }
        return result
    }

    /// Colours, numbers with units, keywords, lists, `rgb(…)` and `url(#id)`: nothing with
    /// quotes, escapes, `!important`, or a reference out of the document.
    private static func isPlainValue(_ value: String) -> Bool {
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || " \t\n#%.,-+()_".unicodeScalars.contains(scalar)
        }
        guard allowed else { return false }
        let lowered = SVGText.asciiLowercased(value)
        var rest = Substring(lowered)
        while let range = rest.firstRange(of: "url(") {
            guard rest[range.upperBound...].first == "#" else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// One rule of a class-only sheet.
    private struct ClassRule {
        var classes: [String]
        var declarations: [(String, String)]
    }

    /// A sheet of rules whose selectors are all single classes (`.a`, `.a, .b`), each with
    /// plain presentation declarations; nil for anything else (element, id, compound or
    /// descendant selectors, at-rules, escapes), which stays and blocks the copy.
    private static func classRules(_ css: String, droppedInvisible: inout Bool) -> [ClassRule]? {
        // Comments out first; an unterminated one is not a sheet we read.
        var text = ""
        var rest = Substring(css)
        while let open = rest.firstRange(of: "/*") {
            text += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstRange(of: "*/") else { return nil }
            rest = rest[close.upperBound...]
        }
        text += rest
        if text.contains("\\") || text.contains("@") || text.contains("<!--") || text.contains("-->") { return nil }
        var rules: [ClassRule] = []
        let blocks = text.split(separator: "}", omittingEmptySubsequences: false)
        for (index, block) in blocks.enumerated() {
            if index == blocks.count - 1 {
                guard SVGText.isBlank(String(block)) else { return nil }
                break
            }
            let parts = block.split(separator: "{", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            var classes: [String] = []
            for selector in parts[0].split(separator: ",", omittingEmptySubsequences: false) {
                let name = SVGText.trimmed(String(selector))
                guard name.hasPrefix("."), isClassName(name.dropFirst()) else { return nil }
                classes.append(String(name.dropFirst()))
            }
            guard let declarations = declarations(String(parts[1]), droppedInvisible: &droppedInvisible) else { return nil }
            rules.append(ClassRule(classes: classes, declarations: declarations))
        }
        return rules
    }

    private static func isClassName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first), first != "-" else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
                || scalar == "_"
        }
    }

    private static func collect(_ element: xmlNodePtr, _ local: String, into found: inout [xmlNodePtr]) {
        for child in elementChildren(element) {
            if LibXML2Rewriter.isSVG(child, local) { found.append(child) }
            collect(child, local, into: &found)
        }
    }

    /// Writes class-only `<style>` sheets and `style=` attributes as presentation attributes, in
    /// the cascade's order: presentation attribute < sheet rules (later wins) < `style=`. All
    /// selectors are single classes, so their specificity is equal and source order decides.
    /// When any sheet is not class-only, no sheet is touched (the copy is then blocked anyway),
    /// but `style=` attributes are still written out where the sheet does not reach.
    private static func inlineStyles(_ root: xmlNodePtr, fixes: inout Set<TinyPSFix>) {
        var sheets: [xmlNodePtr] = []
        collect(root, "style", into: &sheets)
        var rules: [ClassRule] = []
        var readable = true
        var droppedInvisible = false
        for sheet in sheets {
            let type = attribute(sheet, "type").map { SVGText.asciiLowercased(SVGText.trimmed($0)) }
            guard type == nil || type == "text/css", attribute(sheet, "media") == nil,
                let parsed = classRules(text(sheet), droppedInvisible: &droppedInvisible)
            else {
                readable = false
                break
            }
            rules += parsed
        }
        var elements: [xmlNodePtr] = []
        func gather(_ node: xmlNodePtr) {
            for child in elementChildren(node) {
                elements.append(child)
                gather(child)
            }
        }
        elements.append(root)
        gather(root)
        for element in elements {
            var values: [String: String] = [:]
            let classes = Set((attribute(element, "class") ?? "").split(whereSeparator: { " \t\n\r".contains($0) }).map(String.init))
            if !classes.isEmpty {
                if !readable { continue }
                for rule in rules where rule.classes.contains(where: classes.contains) {
                    for (property, value) in rule.declarations { values[property] = value }
                }
            }
            var styleDropsInvisible = false
            if let style = attribute(element, "style") {
                guard let inline = declarations(style, droppedInvisible: &styleDropsInvisible) else { continue }
                for (property, value) in inline { values[property] = value }
                xmlUnsetNsProp(element, nil, "style")
                fixes.insert(.styleAttributes)
                if styleDropsInvisible { fixes.insert(.invisibleAttributes) }
            }
            for property in values.keys.sorted() { xmlSetNsProp(element, nil, property, values[property]!) }
        }
        if readable && !sheets.isEmpty {
            for sheet in sheets { LibXML2Rewriter.remove(sheet) }
            fixes.insert(.stylesheet)
            if droppedInvisible { fixes.insert(.invisibleAttributes) }
        }
    }

    // MARK: - The root

    private static func fixRootAttributes(_ root: xmlNodePtr, fixes: inout Set<TinyPSFix>) {
        if attribute(root, "version") != "1.2" {
            xmlSetNsProp(root, nil, "version", "1.2")
            fixes.insert(.version)
        }
        if attribute(root, "baseProfile") != "tiny-ps" {
            xmlSetNsProp(root, nil, "baseProfile", "tiny-ps")
            fixes.insert(.baseProfile)
        }
        // x and y have no effect on the outermost <svg>.
        for name in ["x", "y"] where attribute(root, name) != nil {
            xmlUnsetNsProp(root, nil, name)
            fixes.insert(.rootPosition)
        }
        // Interaction and timeline settings: nothing a still picture shows.
        for (name, value) in TinyPSRules.fixedRootValues {
            if let actual = attribute(root, name), actual != value {
                xmlUnsetNsProp(root, nil, name)
                fixes.insert(.fixedAttributes)
            }
        }
        let viewBox = attribute(root, "viewBox")
        if viewBox.flatMap(SVGLength.viewBox) != nil {
            for name in ["width", "height"] {
                if let raw = attribute(root, name), SVGLength.parse(raw) == .relative {
                    xmlUnsetNsProp(root, nil, name)
                    fixes.insert(.relativeSize)
                }
            }
        } else if viewBox == nil, let width = attribute(root, "width").map(SVGLength.parse),
            let height = attribute(root, "height").map(SVGLength.parse),
            case .absolute(let w) = width, case .absolute(let h) = height, w > 0, h > 0
        {
            // Without a viewBox one user unit is one pixel of the declared size, so this box maps 1:1.
            xmlSetNsProp(root, nil, "viewBox", "0 0 \(number(w)) \(number(h))")
            fixes.insert(.viewBox)
        }
    }

    /// `16`, `37.7953`: at most four decimals, no trailing zeros.
    private static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    // MARK: - The title

    /// Whitespace runs become one space; control characters and `<`/`>` go (text with a
    /// tag-like `<` is `security.markup-in-text`: a consumer that inlines the SVG in HTML would
    /// run it). `&` and quotes stay; libxml2 escapes them.
    static func cleanTitle(_ raw: String) -> String {
        let words = raw.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar.properties.isWhitespace || scalar == "<" || scalar == ">"
                ? " " : Character(scalar)
        }
        return String(words).split(separator: " ").joined(separator: " ")
    }

    /// Makes `title` (or, without one, the logo's own first non-empty root title) the only
    /// `<title>` in `<svg>` and its first child element.
    private static func setTitle(_ root: xmlNodePtr, doc: xmlDocPtr, title: String?, fixes: inout Set<TinyPSFix>) {
        let children = elementChildren(root)
        let titles = children.filter { LibXML2Rewriter.isSVG($0, "title") }
        let wanted: String
        if let title, !cleanTitle(title).isEmpty {
            wanted = cleanTitle(title)
        } else if let own = titles.first(where: { !SVGText.isBlank(text($0)) }) {
            wanted = text(own)
        } else {
            return
        }
        if titles.count == 1, children.first == titles[0], text(titles[0]) == wanted { return }
        for old in titles { LibXML2Rewriter.remove(old) }
        guard let node = xmlNewDocNode(doc, root.pointee.ns, "title", nil) else { return }
        // Added as text, so libxml2 escapes &, < and > when it writes the file.
        xmlNodeAddContent(node, wanted)
        if let first = root.pointee.children {
            xmlAddPrevSibling(first, node)
        } else {
            xmlAddChild(root, node)
        }
        fixes.insert(.title)
    }
}
