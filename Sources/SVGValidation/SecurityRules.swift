/// The security walk: everything that could run script, fetch a resource, embed another
/// document or hide markup from this check. Names are compared case-insensitively (ASCII) and
/// in any namespace, because an SVG pasted into HTML is re-read by an HTML parser.
enum SecurityRules {
    /// What the walk learned about ids and same-document references, for `ReferenceGraph`.
    struct References {
        /// First element carrying each id (`id` or `xml:id`).
        var elementsByID: [String: XMLElement] = [:]
        /// Ids carried by more than one element, in document order, with how many carry them and
        /// the line of the second.
        var duplicateIDs: [(id: String, count: Int, line: Int?)] = []
        var duplicateIndex: [String: Int] = [:]
        /// ID references in `aria-labelledby` and its siblings (space-separated id lists).
        var idListTargets: Set<String> = []
        /// href / xlink:href `#id` targets, per element.
        var hrefTargets: [ObjectIdentifier: String] = [:]
        /// `url(#id)` targets in attributes, per element.
        var urlTargets: [ObjectIdentifier: [String]] = [:]
        /// `url(#id)` targets in `<style>` sheets (not tied to an element).
        var stylesheetTargets: [(id: String, line: Int?)] = []
        /// Embedded raster images found (`<image href="data:image/png;base64,…">`).
        var rasterImages: Set<ObjectIdentifier> = []
    }

    private static let scriptElements: Set<String> = ["script", "handler"]
    private static let embeddingElements: Set<String> = [
        "iframe", "frame", "frameset", "embed", "object", "applet", "portal", "audio", "video",
        "link", "meta", "base", "form", "input", "button", "listener", "prefetch",
    ]
    /// Names an HTML parser treats specially (raw text, template, MathML), so markup that XML
    /// reads as text or a comment becomes live when the SVG is pasted into an HTML page.
    private static let htmlParserSwitches: Set<String> = [
        "xmp", "noscript", "noembed", "noframes", "plaintext", "template", "math", "annotation-xml", "mglyph",
        "malignmark",
    ]
    /// HTML start tags that end SVG foreign content in an HTML parser (HTML §13.2.6.5), so the
    /// element and what follows it become HTML. None is an SVG element name.
    private static let htmlBreakouts: Set<String> = [
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "nobr", "ol", "p", "pre", "ruby", "s",
        "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "html",
    ]
    private static let mathML = "http://www.w3.org/1998/Math/MathML"
    /// SVG element names that draw, hold drawing or style it. Such an element under an element of
    /// another namespace, or taken out of the SVG namespace by a default-namespace switch, is
    /// drawn by some viewers (HTML parsers, namespace-blind converters) and skipped by others.
    private static let svgContentElements: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "a", "switch", "image", "path", "rect", "circle", "ellipse", "line",
        "polyline", "polygon", "text", "tspan", "textpath", "textarea", "tref", "altglyph", "foreignobject",
        "lineargradient", "radialgradient", "meshgradient", "stop", "solidcolor", "pattern", "clippath", "mask",
        "marker", "filter", "style", "view", "font", "glyph", "missing-glyph", "font-face", "animate",
        "animatemotion", "animatetransform", "animatecolor", "set", "discard", "mpath", "video", "audio", "canvas",
        "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix", "fediffuselighting",
        "fedisplacementmap", "fedropshadow", "feflood", "fegaussianblur", "feimage", "femerge", "femorphology",
        "feoffset", "fespecularlighting", "fetile", "feturbulence",
    ]
    /// Attributes whose value is a space-separated list of ids (WAI-ARIA 1.2).
    private static let idListAttributes: Set<String> = [
        "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "aria-flowto", "aria-activedescendant",
        "aria-details", "aria-errormessage",
    ]
    private static let animationElements: Set<String> = [
        "animate", "set", "animatetransform", "animatemotion", "animatecolor", "discard",
    ]
    /// Attributes that hold a URL in SVG or (after an HTML parser re-reads the logo) in HTML.
    private static let urlAttributes: Set<String> = [
        "href", "src", "srcset", "background", "poster", "action", "formaction", "codebase", "lowsrc", "dynsrc",
        "longdesc", "ping", "manifest", "icon", "archive",
    ]

    static func check(_ root: XMLElement, into collector: inout FindingCollector) -> References {
        var references = References()
        var sawAnimation = false
        root.forEachElement { element in
            checkElement(element, references: &references, sawAnimation: &sawAnimation, into: &collector)
        }
        return references
    }

    private static func checkElement(
        _ element: XMLElement, references: inout References, sawAnimation: inout Bool, into collector: inout FindingCollector
    ) {
        let name = securityName(element.name)
        let tag = ElementTag(element: element)
        let line = element.line

        if scriptElements.contains(name) {
            collector.add(.scriptElement, .error, line: line, "\(tag) runs script; remove it.")
        }
        if name == "foreignobject" {
            collector.add(.foreignObject, .error, line: line, "\(tag) embeds HTML or other foreign content; remove it.")
        }
        if element.namespaceURI == XMLNamespace.xhtml || element.namespaceURI == mathML {
            collector.add(.htmlContent, .error, line: line, "\(tag) is HTML or MathML inside the SVG; remove it.")
        } else if htmlParserSwitches.contains(name) {
            collector.add(
                .htmlContent, .error, line: line,
                "\(tag) changes how an HTML parser reads the markup after it; remove it.")
        } else if htmlBreakouts.contains(name)
            || name == "font" && element.attributes.contains(where: { ["color", "face", "size"].contains(securityName($0.name)) })
        {
            collector.add(
                .htmlContent, .error, line: line,
                "\(tag) is an HTML element name that ends SVG content when the logo is placed in a web page; remove it.")
        }
        if let namespace = element.namespaceURI, XMLNamespace.xinclude.contains(namespace) {
            collector.add(.xinclude, .error, line: line, "\(tag) is an XInclude that would pull in another file; remove it.")
        }
        if embeddingElements.contains(name) {
            collector.add(.embeddingElement, .error, line: line, "\(tag) embeds or loads other content; remove it.")
        }
        if animationElements.contains(name) {
            checkAnimation(element, tag: tag, into: &collector)
            if !sawAnimation {
                sawAnimation = true
                collector.add(.animation, .warning, line: line, "\(tag) animates the logo; a logo should be static.")
            }
        }
        if name == "style" {
            // An HTML parser reads everything up to </style> as CSS, child elements included.
            if !element.childElements.isEmpty {
                collector.add(
                    .markupInText, .error, line: line,
                    "\(tag) contains elements, which an HTML parser would read as CSS; keep only the stylesheet text.")
            }
            let css = CSSSafety.check(element.allText, context: tag.description)
            for issue in css.issues { collector.add(issue.code, .error, line: line, issue.message) }
            references.stylesheetTargets += css.fragmentReferences.map { ($0, line) }
        }
        checkHiddenContent(element, name: name, tag: tag, into: &collector)
        // Foreign but inert; XHTML and MathML were reported as errors above.
        if element.namespaceURI != XMLNamespace.svg && element.namespaceURI != XMLNamespace.xhtml
            && element.namespaceURI != mathML && element.parent != nil
        {
            let namespace = element.namespaceURI.map { SVGText.quote($0, limit: 60) } ?? "no namespace"
            collector.add(
                .foreignElement, .info, line: line,
                "Elements in \(namespace) (such as \(tag)) are ignored by viewers; editors leave them behind.")
        }

        for attribute in element.attributes {
            checkAttribute(attribute, of: element, tag: tag, references: &references, into: &collector)
        }
        for child in element.children {
            if case .element = child { continue }
            checkLeaf(child, into: &collector)
        }
    }

    /// SVG drawing under a foreign element, or an SVG element name moved out of the SVG namespace
    /// by `xmlns=""`/`xmlns="other"`: XML viewers skip it, HTML parsers and namespace-blind tools
    /// draw it, so what citizens see depends on the viewer. Prefixed foreign names (`x:path`)
    /// are inert everywhere and stay `usability.foreign-element`.
    private static func checkHiddenContent(
        _ element: XMLElement, name: String, tag: ElementTag, into collector: inout FindingCollector
    ) {
        guard let parent = element.parent, svgContentElements.contains(name) else { return }
        if element.isSVG && !parent.isSVG {
            collector.add(
                .hiddenContent, .error, line: element.line,
                "\(tag) is SVG inside <\(SVGText.quote(parent.qualifiedName))> of another namespace, so some viewers draw it and others do not; move it out or remove it."
            )
        } else if !element.isSVG && element.prefix == nil {
            let namespace = element.namespaceURI.map { SVGText.quote($0, limit: 60) } ?? "no namespace"
            collector.add(
                .hiddenContent, .error, line: element.line,
                "\(tag) is in \(namespace), not SVG, because the default namespace was changed, so some viewers draw it and others do not; keep drawing in xmlns=\"http://www.w3.org/2000/svg\"."
            )
        }
    }

    private static func checkAttribute(
        _ attribute: XMLAttribute, of element: XMLElement, tag: ElementTag, references: inout References,
        into collector: inout FindingCollector
    ) {
        let name = securityName(attribute.name)
        let shown = AttributeLabel(attribute: attribute)
        let line = attribute.line ?? element.line

        if name.hasPrefix("on") {
            collector.add(.eventAttribute, .error, line: line, "\(shown) on \(tag) runs script; remove it.")
        }
        if attribute.namespaceURI == XMLNamespace.xml && attribute.name == "base" {
            collector.add(.baseURI, .error, line: line, "xml:base on \(tag) makes #references point at another document; remove it.")
        }
        if attribute.name == "id" && (attribute.namespaceURI == nil || attribute.namespaceURI == XMLNamespace.xml) {
            let id = SVGText.trimmed(attribute.value)
            if let existing = references.elementsByID[id] {
                // Reported by ReferenceGraph: an error only when something refers to the id.
                if existing !== element {
                    if let index = references.duplicateIndex[id] {
                        references.duplicateIDs[index].count += 1
                    } else {
                        references.duplicateIndex[id] = references.duplicateIDs.count
                        references.duplicateIDs.append((id, 2, line))
                    }
                }
            } else {
                references.elementsByID[id] = element
            }
        }
        if attribute.namespaceURI == nil && idListAttributes.contains(name) {
            for id in attribute.value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                references.idListTargets.insert(String(id))
            }
        }
        if urlAttributes.contains(name) {
            checkReference(attribute, of: element, tag: tag, references: &references, into: &collector)
            return
        }
        guard attribute.namespaceURI == nil else { return }
        // style= is CSS; presentation attributes (fill, clip-path, …) are CSS values too, and
        // only a function can reach outside (url(), expression(), image-set()).
        if name == "style" || attribute.value.utf8.contains(UInt8(ascii: "(")) {
            let context = "\(shown) on \(tag)"
            let css = CSSSafety.check(attribute.value, context: context)
            for issue in css.issues { collector.add(issue.code, .error, line: line, issue.message) }
            if !css.fragmentReferences.isEmpty {
                references.urlTargets[ObjectIdentifier(element), default: []] += css.fragmentReferences
            }
        }
    }

    private static func checkReference(
        _ attribute: XMLAttribute, of element: XMLElement, tag: ElementTag, references: inout References,
        into collector: inout FindingCollector
    ) {
        let shown = AttributeLabel(attribute: attribute)
        let line = attribute.line ?? element.line
        switch ReferenceValue(attribute.value) {
        case .fragment(let id):
            references.hrefTargets[ObjectIdentifier(element)] = id
        case .script(let scheme):
            collector.add(.scriptURL, .error, line: line, "\(shown) on \(tag) is a \(scheme): URL, which runs script; remove it.")
        case .empty:
            collector.add(
                .externalReference, .error, line: line,
                "An empty \(shown) on \(tag) refers to the whole document; point it at #id or remove it.")
        case .data(let mediaType, let isBase64, let payload):
            let isImage = element.isSVG && element.name == "image"
            if isImage, let format = ReferenceValue.rasterFormat(mediaType: mediaType, isBase64: isBase64, payload: payload) {
                references.rasterImages.insert(ObjectIdentifier(element))
                collector.add(
                    .embeddedRaster, .warning, line: line,
                    "\(tag) embeds a \(format) raster image; a logo should be vector paths.")
            } else {
                let type = mediaType.isEmpty ? "text/plain" : SVGText.quote(mediaType)
                collector.add(
                    .externalReference, .error, line: line,
                    "\(shown) on \(tag) is a data: URL (\(type)) that embeds another document; only #id or an embedded PNG/JPEG/GIF image is allowed."
                )
            }
        case .external:
            collector.add(
                .externalReference, .error, line: line,
                "\(shown) on \(tag) points outside the logo (\(SVGText.quote(attribute.value, limit: 60))); use #id or embed the content.")
        }
    }

    /// `set`/`animate*` may not change where a link points or add a handler.
    private static func checkAnimation(_ element: XMLElement, tag: ElementTag, into collector: inout FindingCollector) {
        guard let target = element.attribute("attributeName") else { return }
        let trimmed = SVGText.trimmed(target)
        let local = SVGText.asciiLowercased(trimmed.split(separator: ":").last.map(String.init) ?? trimmed)
        if local == "href" || local == "src" || local.hasPrefix("on") || local == "style" {
            collector.add(
                .animatedReference, .error, line: element.line,
                "\(tag) changes \(SVGText.quote(trimmed)) at run time, which can inject a link or script; remove it.")
        }
    }

    /// The name as an HTML parser would match it: ASCII-lowercased, and for a name whose prefix
    /// was never declared (libxml2 then keeps "prefix:local" as the name) only the local part.
    static func securityName(_ name: String) -> String {
        if !name.utf8.contains(UInt8(ascii: ":")) { return SVGText.asciiLowercased(name) }
        let local = name.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? name
        return SVGText.asciiLowercased(local)
    }

    /// Comments, processing instructions, entity references and text.
    static func checkLeaf(_ node: XMLNode, into collector: inout FindingCollector) {
        switch node {
        case .processingInstruction(let target, let line):
            collector.add(
                .processingInstruction, .error, line: line,
                "The processing instruction <?\(SVGText.quote(target))?> can load stylesheets or code; remove it.")
        case .entityReference(let name, let line):
            collector.add(
                .entityReference, .error, line: line,
                "The entity reference &\(SVGText.quote(name)); depends on a DOCTYPE; write the text out.")
        case .comment(let text, let line):
            if looksLikeMarkup(text) || text.hasPrefix(">") || text.hasPrefix("->") {
                collector.add(
                    .markupInComment, .error, line: line,
                    "A comment contains markup that an HTML parser would run; remove the comment.")
            }
        case .text(let text, let line), .cdata(let text, let line):
            if looksLikeMarkup(text) {
                collector.add(
                    .markupInText, .error, line: line,
                    "Text contains markup (\"<\" followed by a tag) that an HTML parser would run; remove it.")
            }
        case .element:
            break
        }
    }

    /// `<` followed by a letter, `/`, `!` or `?`: the start of a tag in HTML.
    static func looksLikeMarkup(_ text: String) -> Bool {
        var previousWasLessThan = false
        for byte in text.utf8 {
            if previousWasLessThan {
                if (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || byte == 0x2F || byte == 0x21 || byte == 0x3F {
                    return true
                }
            }
            previousWasLessThan = byte == 0x3C
        }
        return false
    }
}
