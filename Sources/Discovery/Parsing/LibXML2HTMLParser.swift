internal import CLibXML2

/// The only place in Discovery that touches libxml2. Parses UTF-8 HTML with a private parser
/// context (no global error handlers, no network) and builds an `HTMLTree` from libxml2's SAX
/// events as they come.
///
/// No libxml2 document is built: its tree builder (SAX2) refuses to nest deeper than 256
/// elements without XML_PARSE_HUGE and then halts the parser, losing the rest of the page
/// silently (issue 11, item 3), and a DOM of a 5 MB page costs several times the page in memory
/// (item 6). The parser itself (tag soup rules, implied and auto-closed elements) is unchanged.
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
        guard !utf8.isEmpty, utf8.count < Int(Int32.max) else { return HTMLTree() }
        guard let context = htmlNewParserCtxt() else { return HTMLTree() }
        defer { htmlFreeParserCtxt(context) }
        let session = ParseSession(expectedBytes: utf8.count)
        installHandlers(context)
        context.pointee._private = Unmanaged.passUnretained(session).toOpaque()
        let document: htmlDocPtr? = utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                htmlCtxtReadMemory(context, chars, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
        // Without SAX2's `startDocument` libxml2 creates no document; free one if it ever does.
        if let document { xmlFreeDoc(document) }
        return withExtendedLifetime(session) { session.builder.finish() }
    }

    /// Replaces the context's SAX2 tree builder by `ParseSession`'s handlers. Everything else
    /// stays nil: no document, no entities, no error printing.
    private static func installHandlers(_ context: htmlParserCtxtPtr) {
        var handler = xmlSAXHandler()
        handler.initialized = context.pointee.sax.pointee.initialized
        handler.startElement = { context, name, attributes in
            guard let session = ParseSession.of(context), let name else { return }
            session.startElement(name, attributes)
        }
        handler.endElement = { context, _ in
            ParseSession.of(context)?.builder.endElement()
        }
        handler.characters = { context, text, length in
            guard let session = ParseSession.of(context), let text, length > 0 else { return }
            session.builder.characters(UnsafeBufferPointer(start: text, count: Int(length)))
        }
        // `<script>` and `<style>` content; libxml2's tree builder stores it as CDATA, read as text.
        handler.cdataBlock = handler.characters
        handler.comment = { context, _ in
            ParseSession.of(context)?.builder.interruptText()
        }
        handler.processingInstruction = { context, _, _ in
            ParseSession.of(context)?.builder.interruptText()
        }
        context.pointee.sax.pointee = handler
    }

    /// The tree under construction, reached from libxml2's callbacks through the context's
    /// `_private` pointer.
    private final class ParseSession {
        var builder: HTMLTree.Builder
        /// libxml2 hands names out of its dictionary (or as literals for implied elements), so one
        /// pointer is one name: look each up once.
        private var namesByPointer: [UnsafeRawPointer: UInt32] = [:]
        private var attributes: [(name: UInt32, value: UnsafeBufferPointer<UInt8>)] = []

        init(expectedBytes: Int) {
            builder = HTMLTree.Builder(expectedBytes: expectedBytes)
        }

        static func of(_ context: UnsafeMutableRawPointer?) -> ParseSession? {
            guard let context, let session = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else {
                return nil
            }
            return Unmanaged<ParseSession>.fromOpaque(session).takeUnretainedValue()
        }

        func nameID(_ name: UnsafePointer<xmlChar>) -> UInt32 {
            if let id = namesByPointer[UnsafeRawPointer(name)] { return id }
            let id = builder.nameID(String(cString: name).lowercased())
            namesByPointer[UnsafeRawPointer(name)] = id
            return id
        }

        /// `pairs`: name, value, name, value, …, nil; a value is nil for a bare attribute.
        func startElement(_ name: UnsafePointer<xmlChar>, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            attributes.removeAll(keepingCapacity: true)
            if let pairs {
                var position = 0
                while let attributeName = pairs[position] {
                    let value = pairs[position + 1].map { UnsafeBufferPointer(start: $0, count: Int(xmlStrlen($0))) }
                    attributes.append((nameID(attributeName), value ?? UnsafeBufferPointer(start: nil, count: 0)))
                    position += 2
                }
            }
            builder.startElement(nameID: nameID(name), attributes: attributes)
        }
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
