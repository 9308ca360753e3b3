internal import CLibXML2

/// The only file that talks to libxml2. It parses with the safe option set, keeps every error
/// and DOCTYPE declaration in per-parse state (no global handlers), copies the tree into plain
/// Swift values under the walking limits, and frees everything before returning.
enum LibXML2Parser {
    /// `xmlInitParser()` once per process; `main` normally did it already, then this is a no-op.
    private static let initialized: Void = { xmlInitParser() }()

    /// Safe options: no network, no entity substitution, no DTD loading or defaults, no XInclude,
    /// no HUGE, no RECOVER. BIG_LINES keeps line numbers right past 65 535.
    private static let options: Int32 = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_BIG_LINES.rawValue)

    private static let maxMessages = 32

    /// - Parameter lines: start lines from `MarkupPrescan`, used instead of libxml2's while they
    ///   agree with the tree (libxml2 knows where a start tag ends, and stops counting at 65 535
    ///   for comments and PIs).
    static func parse(_ bytes: [UInt8], limits: SVGLimits, lines: MarkupPrescan.Lines = .init()) -> ParsedXML {
        _ = initialized
        var result = ParsedXML()
        guard let ctxt = xmlNewParserCtxt() else {
            result.messages.append(
                ParserMessage(level: .fatal, line: nil, message: "the XML parser could not be created", code: 0, isNamespaceError: false))
            return result
        }
        defer { xmlFreeParserCtxt(ctxt) }

        let state = ParseState()
        let retained = Unmanaged.passRetained(state)
        defer { retained.release() }
        ctxt.pointee._private = retained.toOpaque()

        if let sax = ctxt.pointee.sax {
            // Per-context error handler: libxml2 2.9.14 uses sax->serror before any global one.
            sax.pointee.serror = recordError
            // DOCTYPE declarations are recorded and never registered, so no entity can ever be
            // expanded or fetched and no attribute default can be applied.
            sax.pointee.internalSubset = recordDoctype
            sax.pointee.entityDecl = recordEntity
            sax.pointee.unparsedEntityDecl = recordUnparsedEntity
            sax.pointee.attributeDecl = recordAttributeList
            sax.pointee.elementDecl = recordElementDecl
            sax.pointee.notationDecl = recordNotation
            sax.pointee.externalSubset = nil
            sax.pointee.resolveEntity = nil
        }

        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                    xmlCtxtReadMemory(ctxt, chars, Int32(buffer.count), "logo.svg", nil, options)
                }
            }
        }
        defer { if let doc { xmlFreeDoc(doc) } }

        result.messages = state.messages
        result.declarations = state.declarations
        result.doctypeName = state.doctypeName
        result.doctypeLine = state.doctypeLine
        result.wellFormed = doc != nil && ctxt.pointee.wellFormed != 0
        result.namespaceWellFormed = ctxt.pointee.nsWellFormed != 0
        guard let doc else { return result }

        var copier = TreeCopier(limits: limits, lines: lines)
        // Document order: comments and PIs before and after the root, and inside the DOCTYPE.
        var node = doc.pointee.children
        while let current = node {
            switch current.pointee.type {
            case XML_ELEMENT_NODE where result.root == nil:
                result.root = copier.copyElement(current, parent: nil, depth: 1)
            case XML_COMMENT_NODE, XML_PI_NODE:
                if let copied = copier.copyLeaf(current) { result.prolog.append(copied) }
            case XML_DTD_NODE:
                var subsetNode = current.pointee.children
                while let inner = subsetNode {
                    if let copied = copier.copyLeaf(inner) { result.prolog.append(copied) }
                    subsetNode = inner.pointee.next
                }
            default:
                break
            }
            node = current.pointee.next
        }
        result.limitFindings = copier.limitFindings
        result.elementCount = copier.elementCount
        return result
    }

    // MARK: - Callbacks (C calling conventions; state travels in ctxt->_private)

    private final class ParseState {
        var messages: [ParserMessage] = []
        var declarations: [DoctypeDeclaration] = []
        var doctypeName: String?
        var doctypeLine: Int?
    }

    private static func state(_ context: UnsafeMutableRawPointer?) -> (ParseState, xmlParserCtxtPtr)? {
        guard let context else { return nil }
        let ctxt = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let opaque = ctxt.pointee._private else { return nil }
        return (Unmanaged<ParseState>.fromOpaque(opaque).takeUnretainedValue(), ctxt)
    }

    private static func currentLine(_ ctxt: xmlParserCtxtPtr) -> Int? {
        guard let input = ctxt.pointee.input else { return nil }
        let line = Int(input.pointee.line)
        return line > 0 ? line : nil
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func record(_ context: UnsafeMutableRawPointer?, _ kind: DoctypeDeclaration.Kind, _ name: UnsafePointer<xmlChar>?) {
        guard let (state, ctxt) = state(context), state.declarations.count < 64 else { return }
        state.declarations.append(DoctypeDeclaration(kind: kind, name: string(name), line: currentLine(ctxt)))
    }

    private static let recordError: xmlStructuredErrorFunc = { context, error in
        guard let error, let (state, _) = state(context), state.messages.count < maxMessages else { return }
        let level: ParserMessage.Level
        switch error.pointee.level {
        case XML_ERR_WARNING: level = .warning
        case XML_ERR_ERROR: level = .error
        default: level = .fatal
        }
        var text = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        while let last = text.last, last.isWhitespace { text.removeLast() }
        let line = Int(error.pointee.line)
        state.messages.append(
            ParserMessage(
                level: level, line: line > 0 ? line : nil, message: text, code: error.pointee.code,
                isNamespaceError: error.pointee.domain == Int32(XML_FROM_NAMESPACE.rawValue)))
    }

    private static let recordDoctype: internalSubsetSAXFunc = { context, name, publicID, systemID in
        if let (state, ctxt) = state(context) {
            state.doctypeName = string(name)
            state.doctypeLine = currentLine(ctxt)
        }
        // The default handler only creates the (empty) DTD node, which comments and PIs inside
        // the subset attach to; it loads nothing.
        xmlSAX2InternalSubset(context, name, publicID, systemID)
    }

    private static let recordEntity: entityDeclSAXFunc = { context, name, _, _, _, _ in
        record(context, .entity, name)
    }

    private static let recordUnparsedEntity: unparsedEntityDeclSAXFunc = { context, name, _, _, _ in
        record(context, .entity, name)
    }

    private static let recordAttributeList: attributeDeclSAXFunc = { context, element, _, _, _, _, tree in
        // The callback owns the enumeration; libxml2 would otherwise leak it.
        if let tree { xmlFreeEnumeration(tree) }
        record(context, .attributeList, element)
    }

    private static let recordElementDecl: elementDeclSAXFunc = { context, name, _, _ in
        record(context, .element, name)
    }

    private static let recordNotation: notationDeclSAXFunc = { context, name, _, _ in
        record(context, .notation, name)
    }

    // MARK: - Copying the tree under the limits

    private struct TreeCopier {
        let limits: SVGLimits
        let tagLines: [MarkupPrescan.TagLines]
        let commentLines: [Int]
        let processingInstructionLines: [Int]
        var elementCount = 0
        var commentCount = 0
        var processingInstructionCount = 0
        var limitFindings: [SVGFinding] = []
        var stopped = false
        /// Cleared for good at the first tag whose name differs between the pre-scan and libxml2.
        var linesAgree = true

        init(limits: SVGLimits, lines: MarkupPrescan.Lines) {
            self.limits = limits
            self.tagLines = lines.tags
            self.commentLines = lines.comments
            self.processingInstructionLines = lines.processingInstructions
        }

        private static func line(_ node: xmlNodePtr) -> Int? {
            let line = Int(xmlGetLineNo(node))
            return line > 0 ? line : nil
        }

        private mutating func stop(_ code: SVGFinding.Code, _ line: Int?, _ message: String) {
            stopped = true
            limitFindings.append(SVGFinding(code, severity: .error, line: line, message: message))
        }

        mutating func copyElement(_ node: xmlNodePtr, parent: XMLElement?, depth: Int) -> XMLElement? {
            elementCount += 1
            // The pre-scan saw the same start tags in the same order; its line is where the tag
            // starts. libxml2's line (where it ends) is the fallback.
            var scanned = elementCount <= tagLines.count ? tagLines[elementCount - 1] : nil
            let qualifiedName = node.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) + ":" } } ?? ""
            if let tag = scanned, tag.name != qualifiedName + string(node.pointee.name) {
                linesAgree = false
            }
            if !linesAgree { scanned = nil }
            let line = scanned?.line ?? Self.line(node)
            if elementCount > limits.maxElements {
                stop(.tooManyElements, line, "The document has more than \(limits.maxElements) elements; simplify the logo.")
                return nil
            }
            if depth > limits.maxDepth {
                stop(.tooDeep, line, "Elements are nested more than \(limits.maxDepth) levels deep; flatten the groups.")
                return nil
            }
            let element = XMLElement(
                name: string(node.pointee.name),
                prefix: node.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } },
                namespaceURI: node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
                line: line)
            element.parent = parent

            var attributeCount = 0
            var property = node.pointee.properties
            while let attribute = property {
                attributeCount += 1
                if attributeCount > limits.maxAttributesPerElement {
                    stop(
                        .tooManyAttributes, line,
                        "<\(SVGText.quote(element.qualifiedName))> has more than \(limits.maxAttributesPerElement) attributes; remove the ones the logo does not need."
                    )
                    return element
                }
                var value = ""
                var child = attribute.pointee.children
                while let part = child {
                    if part.pointee.type == XML_TEXT_NODE {
                        value += string(part.pointee.content)
                    } else if part.pointee.type == XML_ENTITY_REF_NODE {
                        element.children.append(.entityReference(name: string(part.pointee.name), line: line))
                    }
                    child = part.pointee.next
                }
                let attributeLine = scanned.flatMap {
                    $0.attributeLines.indices.contains(attributeCount - 1) ? $0.attributeLines[attributeCount - 1] : nil
                }
                element.attributes.append(
                    XMLAttribute(
                        line: attributeLine ?? line,
                        name: string(attribute.pointee.name),
                        prefix: attribute.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } },
                        namespaceURI: attribute.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } },
                        value: value))
                property = attribute.pointee.next
            }

            var child = node.pointee.children
            while let current = child, !stopped {
                if current.pointee.type == XML_ELEMENT_NODE {
                    if let copied = copyElement(current, parent: element, depth: depth + 1) {
                        element.children.append(.element(copied))
                    }
                } else if let leaf = copyLeaf(current) {
                    element.children.append(leaf)
                }
                child = current.pointee.next
            }
            return element
        }

        mutating func copyLeaf(_ node: xmlNodePtr) -> XMLNode? {
            switch node.pointee.type {
            case XML_TEXT_NODE: return .text(string(node.pointee.content), line: Self.line(node))
            case XML_CDATA_SECTION_NODE: return .cdata(string(node.pointee.content), line: Self.line(node))
            case XML_COMMENT_NODE:
                commentCount += 1
                let line = commentCount <= commentLines.count ? commentLines[commentCount - 1] : Self.line(node)
                return .comment(string(node.pointee.content), line: line)
            case XML_PI_NODE:
                processingInstructionCount += 1
                let line =
                    processingInstructionCount <= processingInstructionLines.count
                    ? processingInstructionLines[processingInstructionCount - 1] : Self.line(node)
                return .processingInstruction(target: string(node.pointee.name), line: line)
            case XML_ENTITY_REF_NODE: return .entityReference(name: string(node.pointee.name), line: Self.line(node))
            default: return nil
            }
        }
    }
}
