import Foundation

/// Turns an inline `<svg>` from an HTML page into a standalone SVG document that an XML parser
/// (the validator) accepts: SVG namespace on the root, `xlink` declared when used, the camelCase
/// names the HTML parser lower-cased restored, and `<use href="#id">` targets that live elsewhere
/// in the page copied into a `<defs>`. Nothing is stripped: judging safety is the validator's job.
enum InlineSVGSerialiser {
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    static func serialise(_ tree: HTMLTree, svg index: Int) -> String {
        let inside = Set([index] + tree.descendants(of: index))
        var declaredPrefixes: Set<String> = ["xml", "xmlns"]
        var usesXlink = false
        for node in inside.map({ tree[$0] }) where node.kind == .element {
            for attribute in node.attributes {
                if attribute.name.hasPrefix("xmlns:") { declaredPrefixes.insert(String(attribute.name.dropFirst(6))) }
                if attribute.name.hasPrefix("xlink:") { usesXlink = true }
            }
        }
        if usesXlink { declaredPrefixes.insert("xlink") }

        var out = ""
        let external = externalReferences(tree, svg: index, inside: inside)
        write(tree, index, into: &out, isRoot: true, usesXlink: usesXlink, declared: declaredPrefixes,
              injectedDefs: external)
        return out
    }

    /// `<use href="/sprite.svg#logo">` references to another file, as written, in order.
    static func externalUseReferences(_ tree: HTMLTree, svg index: Int) -> [String] {
        var result: [String] = []
        for position in [index] + tree.descendants(of: index) where tree[position].name == "use" {
            for name in ["href", "xlink:href"] {
                if let value = tree[position].attribute(name)?.trimmingCharacters(in: .whitespacesAndNewlines),
                   !value.hasPrefix("#"), value.contains("#"), !result.contains(value) {
                    result.append(value)
                }
            }
        }
        return result
    }

    /// Makes an inline SVG whose `<use>` points into a sprite file standalone: the sprite's
    /// element with the fragment's id is copied into a `<defs>` after the root start tag, and the
    /// reference is rewritten to `#id`. `serialised` must come from `serialise(_:svg:)` (double
    /// quotes throughout, so the root start tag ends at the first `>` outside quotes). Nil when
    /// the sprite has no such element.
    static func inliningSprite(_ serialised: String, reference: String, sprite: HTMLTree) -> String? {
        guard let hash = reference.lastIndex(of: "#") else { return nil }
        let id = String(reference[reference.index(after: hash)...])
        guard !id.isEmpty, let target = sprite.nodes.indices.first(where: { sprite[$0].kind == .element && sprite[$0].attribute("id") == id })
        else { return nil }
        var usesXlink = false
        for position in [target] + sprite.descendants(of: target) where sprite[position].kind == .element {
            if sprite[position].attributes.contains(where: { $0.name.hasPrefix("xlink:") }) { usesXlink = true }
        }
        var fragment = ""
        write(sprite, target, into: &fragment, isRoot: false, usesXlink: usesXlink,
              declared: usesXlink ? ["xml", "xmlns", "xlink"] : ["xml", "xmlns"])
        var inQuotes = false
        var rootEnd: String.Index?
        for index in serialised.indices {
            let character = serialised[index]
            if character == "\"" { inQuotes.toggle() }
            if character == ">" && !inQuotes { rootEnd = index; break }
        }
        guard let rootEnd, serialised[serialised.index(before: rootEnd)] != "/" else { return nil }
        let defs = "<defs" + (usesXlink ? " xmlns:xlink=\"\(xlinkNamespace)\"" : "") + ">" + fragment + "</defs>"
        var result = serialised
        result.insert(contentsOf: defs, at: result.index(after: rootEnd))
        return result.replacingOccurrences(of: "href=\"\(escapeAttribute(reference))\"", with: "href=\"#\(escapeAttribute(id))\"")
    }

    /// Elements outside this `<svg>` referenced by `#id` from inside it (icon sprites).
    private static func externalReferences(_ tree: HTMLTree, svg index: Int, inside: Set<Int>) -> [Int] {
        var idsInside: Set<String> = []
        var referenced: [String] = []
        for position in inside.sorted() where tree[position].kind == .element {
            let node = tree[position]
            if let id = node.attribute("id") { idsInside.insert(id) }
            for name in ["href", "xlink:href"] {
                if let value = node.attribute(name), value.hasPrefix("#"), value.count > 1 {
                    referenced.append(String(value.dropFirst()))
                }
            }
        }
        var result: [Int] = []
        for id in referenced where !idsInside.contains(id) {
            if let target = tree.nodes.indices.first(where: {
                tree[$0].kind == .element && tree[$0].attribute("id") == id && !inside.contains($0)
            }), !result.contains(target) {
                result.append(target)
            }
        }
        return result
    }

    private enum WriteStep {
        case node(Int, isRoot: Bool, injectedDefs: [Int])
        case markup(String)
    }

    /// Iterative (an explicit stack, not one call per level): pages can nest hundreds of
    /// thousands of elements, which would overflow the thread's stack.
    private static func write(_ tree: HTMLTree, _ index: Int, into out: inout String, isRoot: Bool, usesXlink: Bool,
                              declared: Set<String>, injectedDefs: [Int] = []) {
        var pending: [WriteStep] = [.node(index, isRoot: isRoot, injectedDefs: injectedDefs)]
        while let step = pending.popLast() {
            switch step {
            case .markup(let markup):
                out += markup
            case .node(let index, let isRoot, let injectedDefs):
                let node = tree[index]
                if node.kind == .text {
                    out += escapeText(node.text)
                    continue
                }
                let name = elementNames[node.name] ?? node.name
                guard isXMLName(name) else { continue }
                let attributes = node.attributes
                out += "<" + name
                if isRoot {
                    out += " xmlns=\"\(svgNamespace)\""
                    if usesXlink, !attributes.contains(where: { $0.name == "xmlns:xlink" }) {
                        out += " xmlns:xlink=\"\(xlinkNamespace)\""
                    }
                }
                var written: Set<String> = []
                for attribute in attributes {
                    if attribute.name == "xmlns" { continue }  // written above on the root; redundant below
                    if let colon = attribute.name.firstIndex(of: ":") {
                        let prefix = String(attribute.name[..<colon])
                        // Editor leftovers (`sketch:type`, `inkscape:label`) without a declaration would
                        // make the document ill-formed.
                        if prefix != "xmlns", !declared.contains(prefix) { continue }
                    }
                    let attributeName = attributeNames[attribute.name] ?? attribute.name
                    // Framework attributes (`@click`, `:class`, `v-bind:x`) are not XML names.
                    guard isXMLName(attributeName), written.insert(attributeName).inserted else { continue }
                    out += " \(attributeName)=\"\(escapeAttribute(attribute.value))\""
                }
                let children = node.children
                if children.isEmpty && injectedDefs.isEmpty {
                    out += "/>"
                    continue
                }
                out += ">"
                var next: [WriteStep] = []
                if !injectedDefs.isEmpty {
                    next.append(.markup("<defs>"))
                    next += injectedDefs.map { .node($0, isRoot: false, injectedDefs: []) }
                    next.append(.markup("</defs>"))
                }
                next += children.map { .node($0, isRoot: false, injectedDefs: []) }
                next.append(.markup("</\(name)>"))
                pending.append(contentsOf: next.reversed())
            }
        }
    }

    /// `[A-Za-z_][A-Za-z0-9_.:-]*` (the ASCII subset of XML names is all SVG needs).
    static func isXMLName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
              first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.:-".unicodeScalars.contains($0))
        }
    }

    static func escapeText(_ text: String) -> String { escape(text, inAttribute: false) }

    static func escapeAttribute(_ text: String) -> String { escape(text, inAttribute: true) }

    /// XML escaping for text (`&`, `<`, `>`) or a double-quoted attribute value (`&`, `<`, `"`).
    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        for character in text {
            // Control characters are not allowed in XML 1.0.
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20,
               scalar != "\t", scalar != "\n", scalar != "\r" { continue }
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">" where !inAttribute: out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }

    /// SVG element names with capitals (the HTML standard's adjustment table).
    private static let elementNames: [String: String] = Dictionary(uniqueKeysWithValues: [
        "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform", "clipPath",
        "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence", "foreignObject", "glyphRef", "linearGradient",
        "radialGradient", "textPath",
    ].map { ($0.lowercased(), $0) })

    /// SVG attribute names with capitals (the HTML standard's adjustment table).
    private static let attributeNames: [String: String] = Dictionary(uniqueKeysWithValues: [
        "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode", "clipPathUnits",
        "diffuseConstant", "edgeMode", "filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
        "kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
        "limitingConeAngle", "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
        "numOctaves", "pathLength", "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX",
        "pointsAtY", "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
        "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
        "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles", "surfaceScale",
        "systemLanguage", "tableValues", "targetX", "targetY", "textLength", "viewBox", "viewTarget",
        "xChannelSelector", "yChannelSelector", "zoomAndPan",
    ].map { ($0.lowercased(), $0) })
}
