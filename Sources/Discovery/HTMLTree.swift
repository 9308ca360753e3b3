/// A parsed HTML document as plain Swift values: a flat array of nodes in document order with
/// parent and child indices. Built once per page by `HTMLParser`; everything above the parser
/// reads this, never libxml2.
struct HTMLTree: Sendable {
    struct Attribute: Sendable, Equatable {
        /// Lower-cased by the HTML parser.
        var name: String
        var value: String
    }

    struct Node: Sendable {
        enum Kind: Sendable { case element, text }
        var kind: Kind
        /// Lower-cased element name; empty for text.
        var name: String
        var attributes: [Attribute]
        /// Text content for text (and CDATA) nodes.
        var text: String
        var parent: Int?
        var children: [Int]

        func attribute(_ name: String) -> String? {
            attributes.first(where: { $0.name == name })?.value
        }
    }

    /// All nodes, in document order (a node's index is greater than its parent's).
    var nodes: [Node] = []
    var roots: [Int] = []

    subscript(index: Int) -> Node { nodes[index] }

    /// Indices of elements named `name`, in document order.
    func elements(named name: String) -> [Int] {
        nodes.indices.filter { nodes[$0].kind == .element && nodes[$0].name == name }
    }

    /// Ancestors from the parent outwards.
    func ancestors(of index: Int) -> [Int] {
        var result: [Int] = []
        var current = nodes[index].parent
        while let parent = current {
            result.append(parent)
            current = nodes[parent].parent
        }
        return result
    }

    /// Descendant indices in document order (the node itself excluded).
    func descendants(of index: Int) -> [Int] {
        var result: [Int] = []
        var stack = Array(nodes[index].children.reversed())
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: nodes[next].children.reversed())
        }
        return result
    }

    /// Concatenated text of the node and its descendants, whitespace collapsed.
    func textContent(of index: Int) -> String {
        if nodes[index].kind == .text { return nodes[index].text.collapsingWhitespace }
        var parts: [String] = []
        for descendant in descendants(of: index) where nodes[descendant].kind == .text {
            parts.append(nodes[descendant].text)
        }
        return parts.joined(separator: " ").collapsingWhitespace
    }

    /// Raw concatenated text of direct and indirect text children (for `<script>` and `<style>`).
    func rawText(of index: Int) -> String {
        descendants(of: index).filter { nodes[$0].kind == .text }.map { nodes[$0].text }.joined()
    }

    /// The first element named `name`, searching the whole document.
    func first(_ name: String) -> Int? {
        nodes.indices.first { nodes[$0].kind == .element && nodes[$0].name == name }
    }
}

extension String {
    /// Runs of whitespace (including non-breaking spaces) become one space; ends trimmed.
    var collapsingWhitespace: String {
        // Built as UTF-8 bytes, and ASCII decided without a Unicode property lookup: this runs
        // over every text node of every page.
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            let value = scalar.value
            let isSpace = value < 0x80
                ? value == 0x20 || (value >= 0x09 && value <= 0x0D)
                : value == 0x00A0 || value == 0x200B || scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                if value < 0x80 {
                    result.append(UInt8(value))
                } else {
                    UTF8.encode(scalar) { result.append($0) }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
