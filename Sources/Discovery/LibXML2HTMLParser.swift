import CLibXML2

/// The only place in Discovery that touches libxml2. Parses UTF-8 HTML with a private parser
/// context (no global error handlers, no network) and copies the result into an `HTMLTree`.
enum HTMLParser {
    /// `xmlInitParser()` is also called by `main`; this covers tests and other embedders. Swift
    /// initialises a global `let` exactly once.
    private static let initialised: Void = { xmlInitParser() }()

    /// No HTML_PARSE_NOIMPLIED: on libxml2 2.9.14 it drops `<head>` and nests everything after
    /// the first `<script>` inside it (verified with a C probe), which breaks JSON-LD and regions.
    static let options: Int32 = Int32(
        HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// `utf8` must already be UTF-8 (see `HTMLTextDecoder`); the encoding is passed explicitly so
    /// libxml2 never guesses from `<meta>`.
    static func parse(utf8: [UInt8]) -> HTMLTree {
        _ = initialised
        var tree = HTMLTree()
        guard !utf8.isEmpty, utf8.count < Int(Int32.max) else { return tree }
        guard let context = htmlNewParserCtxt() else { return tree }
        defer { htmlFreeParserCtxt(context) }
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return tree }
        defer { xmlFreeDoc(document) }
        copy(from: document, into: &tree)
        return tree
    }

    /// Walks the libxml2 tree iteratively (pages can be deep) and appends plain nodes.
    private static func copy(from document: htmlDocPtr, into tree: inout HTMLTree) {
        var stack: [(node: xmlNodePtr, parent: Int?)] = []
        var child = document.pointee.children
        var topLevel: [xmlNodePtr] = []
        while let current = child {
            topLevel.append(current)
            child = current.pointee.next
        }
        for node in topLevel.reversed() { stack.append((node, nil)) }

        while let (node, parent) = stack.popLast() {
            let index: Int
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                index = tree.nodes.count
                tree.nodes.append(HTMLTree.Node(
                    kind: .element, name: string(node.pointee.name).lowercased(),
                    attributes: attributes(of: node), text: "", parent: parent, children: []))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                index = tree.nodes.count
                tree.nodes.append(HTMLTree.Node(
                    kind: .text, name: "", attributes: [], text: content(of: node), parent: parent, children: []))
            default:
                continue  // comments, processing instructions, DTD nodes
            }
            if let parent { tree.nodes[parent].children.append(index) } else { tree.roots.append(index) }
            guard node.pointee.type == XML_ELEMENT_NODE else { continue }
            var children: [xmlNodePtr] = []
            var next = node.pointee.children
            while let current = next {
                children.append(current)
                next = current.pointee.next
            }
            for childNode in children.reversed() { stack.append((childNode, index)) }
        }
    }

    private static func attributes(of node: xmlNodePtr) -> [HTMLTree.Attribute] {
        var result: [HTMLTree.Attribute] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let name = string(current.pointee.name).lowercased()
            var value = ""
            if let raw = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                value = String(cString: raw)
                clibxml2_free(raw)
            }
            result.append(HTMLTree.Attribute(name: name, value: value))
            attribute = current.pointee.next
        }
        return result
    }

    private static func content(of node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { clibxml2_free(raw) }
        return String(cString: raw)
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// Well-formedness of a standalone XML document (used to check serialised inline SVG), with
/// the same safe options the validator uses: no network, no entity substitution, no DTD loading.
enum XMLWellFormedness {
    static func check(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count < Int(Int32.max), let context = xmlNewParserCtxt() else { return false }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                xmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        guard let document else { return false }
        defer { xmlFreeDoc(document) }
        return context.pointee.wellFormed != 0
    }
}
