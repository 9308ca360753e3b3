/// Plain Swift copy of what libxml2 parsed, so the rules never touch C pointers.
enum XMLNamespace {
    static let svg = "http://www.w3.org/2000/svg"
    static let xlink = "http://www.w3.org/1999/xlink"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let xinclude = ["http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude"]
}

struct XMLAttribute {
    /// Line where the attribute's name starts.
    var line: Int?
    /// Local name as written (case preserved).
    var name: String
    var prefix: String?
    var namespaceURI: String?
    /// Value with character references decoded.
    var value: String

    /// `prefix:name` as written, for messages.
    var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
}

final class XMLElement {
    let name: String
    let prefix: String?
    let namespaceURI: String?
    let line: Int?
    var attributes: [XMLAttribute] = []
    var children: [XMLNode] = []
    weak var parent: XMLElement?

    init(name: String, prefix: String?, namespaceURI: String?, line: Int?) {
        self.name = name
        self.prefix = prefix
        self.namespaceURI = namespaceURI
        self.line = line
    }

    var qualifiedName: String { prefix.map { "\($0):\(name)" } ?? name }
    var isSVG: Bool { namespaceURI == XMLNamespace.svg }
    var lowercasedName: String { name.lowercased() }

    /// Value of an attribute in no namespace.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.namespaceURI == nil && $0.name == name }?.value
    }

    /// The element's text, from text and CDATA children only.
    var text: String {
        var result = ""
        for child in children {
            switch child {
            case .text(let value, _), .cdata(let value, _): result += value
            default: break
            }
        }
        return result
    }

    var childElements: [XMLElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// Depth-first, document order, self included.
    func forEachElement(_ body: (XMLElement) -> Void) {
        body(self)
        for child in children {
            if case .element(let element) = child { element.forEachElement(body) }
        }
    }

    func hasAncestor(where predicate: (XMLElement) -> Bool) -> Bool {
        var current = parent
        while let element = current {
            if predicate(element) { return true }
            current = element.parent
        }
        return false
    }
}

enum XMLNode {
    case element(XMLElement)
    case text(String, line: Int?)
    case cdata(String, line: Int?)
    case comment(String, line: Int?)
    case processingInstruction(target: String, line: Int?)
    case entityReference(name: String, line: Int?)
}

/// A declaration seen in the DOCTYPE's internal subset. Never registered with libxml2.
struct DoctypeDeclaration {
    enum Kind: String { case entity = "ENTITY", attributeList = "ATTLIST", element = "ELEMENT", notation = "NOTATION" }
    var kind: Kind
    var name: String
    var line: Int?
}

struct ParserMessage {
    enum Level { case warning, error, fatal }
    var level: Level
    var line: Int?
    var message: String
    /// libxml2's `xmlParserErrors` code, for telling namespace errors from the rest.
    var code: Int32
    var isNamespaceError: Bool
}

struct ParsedXML {
    var root: XMLElement?
    /// Nodes beside the root element: comments and processing instructions.
    var prolog: [XMLNode] = []
    var doctypeName: String?
    var doctypeLine: Int?
    var declarations: [DoctypeDeclaration] = []
    var messages: [ParserMessage] = []
    var wellFormed = false
    var namespaceWellFormed = true
    /// Set when a walking limit was hit; the tree is then incomplete.
    var limitFindings: [SVGFinding] = []
    var elementCount = 0
}
