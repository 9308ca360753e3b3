internal import CLibXML2

/// The libxml2 side of `SVGRepair`: parses with the same safe options as `LibXML2Parser`,
/// removes what cannot change rendering, and serialises the result. Only called for documents
/// the validator already parsed without security, parse or limit errors.
enum LibXML2Rewriter {
    /// Namespaces of editor bookkeeping: Inkscape, Sodipodi, Sketch, Adobe Illustrator and its
    /// plug-ins, Serif/Affinity, and the RDF vocabularies editors put in `<metadata>`.
    /// Renderers ignore elements and attributes in them.
    static let editorNamespaces: Set<String> = [
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Flows/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/GenericCustomNamespace/1.0/",
        "http://ns.adobe.com/XPath/1.0/",
        "http://ns.adobe.com/xap/1.0/",
        "http://www.serif.com/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
    ]

    /// Children of `<defs>` that are drawn only when referenced by `#id`, so an unreferenced one
    /// is dead weight. Fonts (referenced by family name) and `<style>` are never removed.
    private static let referenceOnlyElements: Set<String> = [
        "linearGradient", "radialGradient", "pattern", "clipPath", "mask", "filter", "marker",
        "symbol", "solidColor", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
        "polygon", "text", "use", "image",
    ]

    /// Elements whose whitespace text may be rendered, so it is left alone.
    private static let textElements: Set<String> = ["text", "tspan", "textPath", "textArea", "title", "desc", "style"]

    private static let animationElements: Set<String> = ["animate", "set", "animateMotion", "animateTransform", "animateColor", "discard"]

    static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    static func rewrite(_ bytes: [UInt8]) -> (bytes: [UInt8], removals: SVGRepairRemovals)? {
        withDocument(bytes) { doc, root in
            let removals = clean(doc, root: root)
            guard removals.total > 0 else { return (bytes, removals) }
            return (serialise(doc), removals)
        }
    }

    /// Parses `bytes` with the validator's safe options and hands the document and its root to
    /// `body`; nil when the bytes do not parse again.
    static func withDocument<T>(_ bytes: [UInt8], _ body: (xmlDocPtr, xmlNodePtr) -> T?) -> T? {
        guard let ctxt = xmlNewParserCtxt() else { return nil }
        defer { xmlFreeParserCtxt(ctxt) }
        // Errors were already reported by the validator; do not let libxml2 print them.
        ctxt.pointee.sax?.pointee.serror = { _, _ in }
        ctxt.pointee.sax?.pointee.externalSubset = nil
        ctxt.pointee.sax?.pointee.resolveEntity = nil
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(ctxt, chars, Int32(buffer.count), "logo.svg", nil, options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard ctxt.pointee.wellFormed != 0, let root = xmlDocGetRootElement(doc) else { return nil }
        return body(doc, root)
    }

    /// The repair's removals: comments, the DOCTYPE, metadata, editor markup, unused definitions.
    static func clean(_ doc: xmlDocPtr, root: xmlNodePtr) -> SVGRepairRemovals {
        var removals = SVGRepairRemovals()
        // Comments, processing instructions (none survive validation) and the DOCTYPE beside the root.
        var node = doc.pointee.children
        while let current = node {
            node = current.pointee.next
            switch current.pointee.type {
            case XML_COMMENT_NODE:
                remove(current)
                removals.comments += 1
            case XML_DTD_NODE:
                doc.pointee.intSubset = nil
                remove(current)
                removals.doctype = true
            default:
                break
            }
        }
        cleanElement(root, removals: &removals)
        pruneDefinitions(root, removals: &removals)
        removeEditorNamespaceDeclarations(root, removals: &removals)
        return removals
    }

    // MARK: - Removing nodes

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    static func isSVG(_ node: xmlNodePtr, _ local: String) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && namespace(node) == XMLNamespace.svg && name(node) == local
    }

    static func isWhitespaceText(_ node: xmlNodePtr?) -> Bool {
        guard let node, node.pointee.type == XML_TEXT_NODE else { return false }
        guard let content = node.pointee.content else { return true }
        var pointer = content
        while pointer.pointee != 0 {
            if ![0x20, 0x09, 0x0A, 0x0D].contains(pointer.pointee) { return false }
            pointer += 1
        }
        return true
    }

    /// Unlinks and frees a node, and the whitespace before it when that whitespace is only layout.
    static func remove(_ node: xmlNodePtr) {
        if let previous = node.pointee.prev, isWhitespaceText(previous),
            let parent = node.pointee.parent, parent.pointee.type != XML_ELEMENT_NODE || !textElements.contains(name(parent))
        {
            xmlUnlinkNode(previous)
            xmlFreeNode(previous)
        }
        xmlUnlinkNode(node)
        xmlFreeNode(node)
    }

    private static func cleanElement(_ element: xmlNodePtr, removals: inout SVGRepairRemovals) {
        var attribute = element.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            if let href = current.pointee.ns?.pointee.href.map({ String(cString: $0) }), editorNamespaces.contains(href) {
                xmlRemoveProp(current)
                removals.editorAttributes += 1
            }
        }
        var child = element.pointee.children
        while let current = child {
            child = current.pointee.next
            switch current.pointee.type {
            case XML_COMMENT_NODE:
                remove(current)
                removals.comments += 1
            case XML_ELEMENT_NODE:
                if let href = namespace(current), editorNamespaces.contains(href) {
                    remove(current)
                    removals.editorElements += 1
                } else if isSVG(current, "metadata") {
                    remove(current)
                    removals.metadata += 1
                } else {
                    cleanElement(current, removals: &removals)
                }
            default:
                break
            }
        }
    }

    /// Drops namespace declarations for editor namespaces; nothing uses them any more.
    private static func removeEditorNamespaceDeclarations(_ element: xmlNodePtr, removals: inout SVGRepairRemovals) {
        var previous: xmlNsPtr?
        var declaration = element.pointee.nsDef
        while let current = declaration {
            declaration = current.pointee.next
            if let href = current.pointee.href.map({ String(cString: $0) }), editorNamespaces.contains(href) {
                if let previous { previous.pointee.next = current.pointee.next } else { element.pointee.nsDef = current.pointee.next }
                current.pointee.next = nil
                xmlFreeNs(current)
                removals.namespaceDeclarations += 1
            } else {
                previous = current
            }
        }
        var child = element.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { removeEditorNamespaceDeclarations(current, removals: &removals) }
            child = current.pointee.next
        }
    }

    // MARK: - Unused definitions

    /// `#name` tokens in every attribute value and `<style>` text, counted per name.
    private struct References {
        var counts: [String: Int] = [:]
        /// Set when references could be spelled in a way the token scan does not see (CSS
        /// escapes) or could target ids by name (animation timing); then nothing is pruned.
        var unsure = false

        mutating func scan(_ text: String) {
            if text.contains("\\") { unsure = true }
            var iterator = text.unicodeScalars.makeIterator()
            var current: String.UnicodeScalarView?
            while let scalar = iterator.next() {
                if scalar == "#" {
                    if let name = current, !name.isEmpty { counts[String(name), default: 0] += 1 }
                    current = String.UnicodeScalarView()
                } else if current != nil {
                    if Self.isNameScalar(scalar) {
                        current!.append(scalar)
                    } else {
                        if let name = current, !name.isEmpty { counts[String(name), default: 0] += 1 }
                        current = nil
                    }
                }
            }
            if let name = current, !name.isEmpty { counts[String(name), default: 0] += 1 }
        }

        static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value >= 0x80 || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" || scalar == "." || scalar == ":"
        }
    }

    private static func collectReferences(_ node: xmlNodePtr, into references: inout References) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        if animationElements.contains(name(node)) { references.unsure = true }
        var attribute = node.pointee.properties
        while let current = attribute {
            if let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                references.scan(String(cString: value))
                clibxml2_free(value)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                collectReferences(current, into: &references)
            } else if name(node) == "style", current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                let content = current.pointee.content
            {
                references.scan(String(cString: content))
            }
            child = current.pointee.next
        }
    }

    private static func collectIDs(_ node: xmlNodePtr, into ids: inout [String]) {
        guard node.pointee.type == XML_ELEMENT_NODE else { return }
        var attribute = node.pointee.properties
        while let current = attribute {
            let attributeName = current.pointee.name.map { String(cString: $0) } ?? ""
            let href = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            if attributeName == "id" && (href == nil || href == XMLNamespace.xml),
                let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
            {
                ids.append(String(cString: value))
                clibxml2_free(value)
            }
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            collectIDs(current, into: &ids)
            child = current.pointee.next
        }
    }

    private static func collectDefinitions(_ node: xmlNodePtr, into defs: inout [xmlNodePtr]) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                if isSVG(current, "defs") { defs.append(current) }
                collectDefinitions(current, into: &defs)
            }
            child = current.pointee.next
        }
    }

    /// Removes `<defs>` children that nothing outside themselves references, until none is left
    /// to remove (a gradient used only by an unused gradient goes too); then empty `<defs>`.
    static func pruneDefinitions(_ root: xmlNodePtr, removals: inout SVGRepairRemovals) {
        var passes = 0
        while passes < 16 {
            passes += 1
            var all = References()
            collectReferences(root, into: &all)
            if all.unsure { return }
            var defs: [xmlNodePtr] = []
            collectDefinitions(root, into: &defs)
            var removedThisPass = 0
            for container in defs {
                var child = container.pointee.children
                while let current = child {
                    child = current.pointee.next
                    guard current.pointee.type == XML_ELEMENT_NODE, namespace(current) == XMLNamespace.svg,
                        referenceOnlyElements.contains(name(current))
                    else { continue }
                    var ids: [String] = []
                    collectIDs(current, into: &ids)
                    var inside = References()
                    collectReferences(current, into: &inside)
                    let usedFromOutside = ids.contains { (all.counts[$0] ?? 0) > (inside.counts[$0] ?? 0) }
                    if !usedFromOutside {
                        remove(current)
                        removals.unusedDefinitions += 1
                        removedThisPass += 1
                    }
                }
            }
            if removedThisPass == 0 { break }
        }
        var all = References()
        collectReferences(root, into: &all)
        var defs: [xmlNodePtr] = []
        collectDefinitions(root, into: &defs)
        for container in defs.reversed() {
            var child = container.pointee.children
            var empty = true
            while let current = child {
                if !isWhitespaceText(current) { empty = false; break }
                child = current.pointee.next
            }
            var ids: [String] = []
            collectIDs(container, into: &ids)
            let onlyID = container.pointee.properties.map { $0.pointee.next == nil && ids.count == 1 } ?? true
            if empty && onlyID && !ids.contains(where: { (all.counts[$0] ?? 0) > 0 }) {
                remove(container)
                removals.unusedDefinitions += 1
            }
        }
    }

    // MARK: - Serialising

    static func serialise(_ doc: xmlDocPtr) -> [UInt8] {
        guard let buffer = xmlBufferCreate() else { return [] }
        defer { xmlBufferFree(buffer) }
        guard let save = xmlSaveToBuffer(buffer, "UTF-8", Int32(XML_SAVE_NO_DECL.rawValue)) else { return [] }
        _ = xmlSaveDoc(save, doc)
        _ = xmlSaveClose(save)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}
