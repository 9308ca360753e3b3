/// One linear pass over the bytes before libxml2 sees them, enforcing the shape limits that
/// libxml2 2.9.14 would otherwise meet in quadratic time: it checks every new attribute and
/// namespace declaration of a start tag against all earlier ones, so one start tag with 100 000
/// attributes (1 MB) costs about 18 s. The pass counts `=` outside quotes per start tag, start
/// tags, and nesting depth. It is a lexer, not a parser: on input it cannot follow it stops
/// quietly and leaves the verdict to libxml2 and the tree walk, which enforce the same limits.
///
/// On the way it records where each start tag and each attribute begins: libxml2 only knows the
/// line where a start tag *ends*, which is the wrong line for a multi-line tag.
enum MarkupPrescan {
    /// Lines of one start tag, in document order (the order of libxml2's tree walk).
    struct TagLines {
        /// The qualified name as written, to check that the pre-scan and libxml2 agree.
        var name: String
        var line: Int
        /// Lines of the attributes, in order, without namespace declarations (`xmlns`, `xmlns:p`).
        var attributeLines: [Int] = []
    }

    struct Result {
        var finding: SVGFinding?
        var tags: [TagLines] = []
    }

    static func check(_ bytes: [UInt8], limits: SVGLimits) -> Result {
        var scanner = Scanner(bytes: bytes)
        let finding = scanner.run(limits: limits)
        return Result(finding: finding, tags: finding == nil ? scanner.tags : [])
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var tags: [TagLines] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        private static let bang = UInt8(ascii: "!"), question = UInt8(ascii: "?"), equals = UInt8(ascii: "=")
        private static let dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'"), newline = UInt8(ascii: "\n")
        private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

        private mutating func step() {
            if bytes[index] == Self.newline { line += 1 }
            index += 1
        }

        private func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= bytes.count else { return false }
            return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }

        /// Moves past the next occurrence of `terminator`, or to the end.
        private mutating func skip(past terminator: String) {
            let first = terminator.utf8.first!
            while index < bytes.count {
                if bytes[index] == first && starts(with: terminator) {
                    index += terminator.utf8.count
                    return
                }
                step()
            }
        }

        /// DOCTYPE: to the `>` outside quotes and outside the internal subset brackets.
        private mutating func skipDoctype() {
            var quote: UInt8?
            var brackets = 0
            while index < bytes.count {
                let byte = bytes[index]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == Self.dquote || byte == Self.squote {
                    quote = byte
                } else if byte == Self.openBracket {
                    brackets += 1
                } else if byte == Self.closeBracket {
                    brackets = max(0, brackets - 1)
                } else if byte == Self.gt && brackets == 0 {
                    step()
                    return
                }
                step()
            }
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        /// Start of the attribute name that ends before the `=` at `equals` (skipping spaces).
        private func attributeNameStart(before equals: Int) -> Int? {
            var end = equals
            while end > 0, Self.isSpace(bytes[end - 1]) { end -= 1 }
            var start = end
            while start > 0, !Self.isSpace(bytes[start - 1]), bytes[start - 1] != Self.lt,
                bytes[start - 1] != Self.dquote, bytes[start - 1] != Self.squote, end - start < 256
            {
                start -= 1
            }
            return start < end ? start : nil
        }

        /// The line of that name: the current line minus newlines between the name and `=`.
        private func attributeNameLine(before equals: Int) -> Int? {
            guard let start = attributeNameStart(before: equals) else { return nil }
            var newlines = 0
            for position in start..<equals where bytes[position] == Self.newline { newlines += 1 }
            return line - newlines
        }

        private func isNamespaceDeclaration(before equals: Int) -> Bool {
            guard let start = attributeNameStart(before: equals) else { return false }
            var end = equals
            while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
            let name = bytes[start..<end]
            return name.elementsEqual("xmlns".utf8) || name.starts(with: "xmlns:".utf8)
        }

        mutating func run(limits: SVGLimits) -> SVGFinding? {
            var depth = 0
            var elements = 0
            while index < bytes.count {
                guard bytes[index] == Self.lt else {
                    step()
                    continue
                }
                if starts(with: "<!--") {
                    index += 4
                    skip(past: "-->")
                } else if starts(with: "<![CDATA[") {
                    index += 9
                    skip(past: "]]>")
                } else if starts(with: "<!") {
                    index += 2
                    skipDoctype()
                } else if starts(with: "<?") {
                    index += 2
                    skip(past: "?>")
                } else if starts(with: "</") {
                    index += 2
                    skip(past: ">")
                    depth = max(0, depth - 1)
                } else {
                    let tagLine = line
                    step()
                    elements += 1
                    if elements > limits.maxElements {
                        return SVGFinding(.tooManyElements, severity: .error, line: tagLine,
                            message: "The document has more than \(limits.maxElements) elements; simplify the logo.")
                    }
                    var attributes = 0
                    let nameStart = index
                    while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != Self.gt,
                        bytes[index] != Self.slash, bytes[index] != Self.lt, index - nameStart < 256
                    {
                        step()
                    }
                    var tag = TagLines(name: String(decoding: bytes[nameStart..<index], as: UTF8.self), line: tagLine)
                    var quote: UInt8?
                    var previous: UInt8 = 0
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if let open = quote {
                            if byte == open { quote = nil }
                        } else if byte == Self.dquote || byte == Self.squote {
                            quote = byte
                        } else if byte == Self.equals {
                            attributes += 1
                            if attributes > limits.maxAttributesPerElement {
                                return SVGFinding(.tooManyAttributes, severity: .error, line: tagLine,
                                    message: "An element on line \(tagLine) has more than \(limits.maxAttributesPerElement) attributes; remove the ones the logo does not need.")
                            }
                            if let nameLine = attributeNameLine(before: index), !isNamespaceDeclaration(before: index) {
                                tag.attributeLines.append(nameLine)
                            }
                        } else if byte == Self.gt {
                            step()
                            closed = true
                            break
                        } else if byte == Self.lt {
                            // Not XML; libxml2 will say so.
                            return nil
                        }
                        if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { previous = byte }
                        step()
                    }
                    tags.append(tag)
                    if closed && previous != Self.slash {
                        depth += 1
                        if depth > limits.maxDepth {
                            return SVGFinding(.tooDeep, severity: .error, line: tagLine,
                                message: "Elements are nested more than \(limits.maxDepth) levels deep; flatten the groups.")
                        }
                    }
                }
            }
            return nil
        }
    }
}
