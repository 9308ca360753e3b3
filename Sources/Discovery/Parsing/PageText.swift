import Foundation

/// The visible text of a page as one string, with a line break at every block boundary, and the
/// offset at which each element starts. Used to find labelled phone numbers and emails in text
/// and to read the label in front of a `tel:` link.
struct PageText {
    /// Visible text; blocks separated by "\n", inline elements by nothing or a space. `<head>` is
    /// not skipped as a whole: libxml2 2.9.14 leaves HTML5 elements such as `<footer>` in it when
    /// they come before any body content.
    let text: NSString
    /// UTF-16 offset in `text` where each element's content starts; nil for elements whose
    /// text is not shown (and for text nodes).
    let elementStart: ElementStarts
    /// (offset, node) for every text node, in order, to map a match back to its element.
    let textNodeStarts: [(offset: Int, node: Int)]

    private static let skipped: Set<String> = ["script", "style", "noscript", "template", "title", "svg", "select", "option", "iframe"]
    private static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "br", "tr", "td", "th", "table", "section", "article",
        "header", "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4", "h5", "h6", "address", "address",
        "blockquote", "form", "fieldset", "hr", "figure", "figcaption", "pre", "body",
    ]

    init(tree: HTMLTree) {
        var builder = ""
        var utf16Count = 0
        var starts = [Int32](repeating: -1, count: tree.nodes.count)
        var textNodes: [(Int, Int)] = []
        func append(_ string: String) {
            builder += string
            utf16Count += string.utf16.count
        }
        // Iterative walk: (node, isClosing) so block ends also get a break.
        var stack: [(Int, Bool)] = tree.roots.reversed().map { ($0, false) }
        while let (index, closing) = stack.popLast() {
            let node = tree[index]
            if closing {
                if PageText.blocks.contains(node.name) { append("\n") }
                continue
            }
            switch node.kind {
            case .text:
                let text = node.text.collapsingWhitespace
                guard !text.isEmpty else { continue }
                textNodes.append((utf16Count, index))
                // Inline text next to inline text needs a separating space ("Tlf:<b>22…</b>").
                if let last = builder.last, !last.isWhitespace { append(" ") }
                append(text)
            case .element:
                if PageText.skipped.contains(node.name) { continue }
                if PageText.blocks.contains(node.name), let last = builder.last, last != "\n" { append("\n") }
                starts[index] = Int32(clamping: utf16Count)
                stack.append((index, true))
                for child in node.children.reversed() { stack.append((child, false)) }
            }
        }
        text = builder as NSString
        elementStart = ElementStarts(offsets: starts)
        textNodeStarts = textNodes
    }

    /// One 32-bit offset per node rather than a dictionary entry per element: a 5 MB page has
    /// hundreds of thousands of elements.
    struct ElementStarts {
        fileprivate let offsets: [Int32]

        subscript(index: Int) -> Int? {
            let offset = offsets[index]
            return offset < 0 ? nil : Int(offset)
        }
    }

    /// The text node containing a UTF-16 offset.
    func node(at offset: Int) -> Int? {
        var low = 0, high = textNodeStarts.count - 1, found: Int?
        while low <= high {
            let middle = (low + high) / 2
            if textNodeStarts[middle].offset <= offset { found = textNodeStarts[middle].node; low = middle + 1 } else { high = middle - 1 }
        }
        return found
    }

    /// Up to `length` UTF-16 units before `offset`.
    func before(_ offset: Int, length: Int) -> String {
        let start = max(0, offset - length)
        return text.substring(with: NSRange(location: start, length: offset - start))
    }

    /// Up to `length` UTF-16 units from `offset`.
    func after(_ offset: Int, length: Int) -> String {
        let end = min(text.length, offset + length)
        guard offset < end else { return "" }
        return text.substring(with: NSRange(location: offset, length: end - offset))
    }
}
