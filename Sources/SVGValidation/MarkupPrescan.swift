/// One linear pass over the bytes before libxml2 sees them, enforcing the shape limits that
/// libxml2 2.9.14 would otherwise meet in quadratic time: it checks every attribute and namespace
/// declaration of a start tag against all earlier ones, so one start tag with 150 000 attributes
/// (2 MB) keeps it busy for about a minute. The pass counts `=` outside quotes per start tag,
/// start tags, and nesting depth.
///
/// The pass must never treat as inert (a comment, PI, DOCTYPE or quoted value) bytes that
/// libxml2 might parse as a start tag. libxml2 keeps parsing after many errors, and after some
/// (a PI without a target, a control character in a comment, a `<` in an attribute value, junk
/// in an end tag or in the DOCTYPE) it resumes *inside* what this pass would have skipped. So the
/// pass is strict: at anything such, which is never well-formed XML, it stops with
/// `parse.malformed` instead of handing the bytes to libxml2. Control characters and U+FFFE/FFFF
/// are refused earlier, in `ByteInspection`.
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

    /// Where things start, in document order, for the findings' line numbers.
    struct Lines {
        var tags: [TagLines] = []
        var comments: [Int] = []
        /// Processing instructions, without the XML declaration (libxml2 makes no node for it).
        var processingInstructions: [Int] = []
    }

    struct Result {
        var finding: SVGFinding?
        var lines = Lines()
    }

    static func check(_ bytes: [UInt8], limits: SVGLimits) -> Result {
        var scanner = Scanner(bytes: bytes, limits: limits)
        let finding = scanner.run()
        return Result(finding: finding, lines: finding == nil ? scanner.lines : Lines())
    }

    private struct Scanner {
        let bytes: [UInt8]
        let limits: SVGLimits
        var index = 0
        var line = 1
        var lines = Lines()
        var depth = 0
        var sawStartTag = false
        var sawDoctype = false

        init(bytes: [UInt8], limits: SVGLimits) {
            self.bytes = bytes
            self.limits = limits
        }

        private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        private static let equals = UInt8(ascii: "="), newline = UInt8(ascii: "\n")
        private static let dquote = UInt8(ascii: "\""), squote = UInt8(ascii: "'")
        private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        /// First byte of a name: ASCII letter, `_`, `:`, or the start of a non-ASCII character.
        private static func isNameStart(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x3A
                || byte >= 0x80
        }

        /// First byte of a PI target: ASCII only, because libxml2's idea of a non-ASCII name
        /// start differs from a byte test, and a PI is refused later anyway.
        private static func isASCIINameStart(_ byte: UInt8) -> Bool {
            isNameStart(byte) && byte < 0x80
        }

        private func byte(at offset: Int) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        private mutating func step() {
            if bytes[index] == Self.newline { line += 1 }
            index += 1
        }

        private func starts(with pattern: StaticString) -> Bool {
            let count = pattern.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return pattern.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
        }

        private func malformed(_ line: Int, _ what: String) -> SVGFinding {
            SVGFinding(
                .malformed, severity: .error, line: line, message: "Not well-formed XML: \(what) on line \(line); re-export the SVG.")
        }

        /// Moves past the next occurrence of `terminator`, or to the end (unterminated: libxml2
        /// reads to the end too, so nothing after it is parsed as markup).
        private mutating func skip(past terminator: StaticString) {
            let first = terminator.withUTF8Buffer { $0[0] }
            while index < bytes.count {
                if bytes[index] == first && starts(with: terminator) {
                    for _ in 0..<terminator.utf8CodeUnitCount { step() }
                    return
                }
                step()
            }
        }

        /// At a quote: moves past the matching quote. False when it never closes.
        private mutating func skipQuoted() -> Bool {
            let quote = bytes[index]
            step()
            while index < bytes.count {
                if bytes[index] == quote {
                    step()
                    return true
                }
                step()
            }
            return false
        }

        /// `<?xml ` at the very start (after a BOM): the XML declaration, not a PI.
        private var isXMLDeclaration: Bool {
            (index == 0 || (index == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF]))) && starts(with: "<?xml")
                && byte(at: 5).map(Self.isSpace) == true
        }

        mutating func run() -> SVGFinding? {
            while index < bytes.count {
                guard bytes[index] == Self.lt else {
                    step()
                    continue
                }
                let startLine = line
                if starts(with: "<!--") {
                    lines.comments.append(startLine)
                    skip(past: "-->")
                } else if starts(with: "<![CDATA[") {
                    skip(past: "]]>")
                } else if starts(with: "<!DOCTYPE") {
                    guard !sawStartTag && !sawDoctype else { return malformed(startLine, "a DOCTYPE after the start") }
                    sawDoctype = true
                    if let finding = scanDoctype() { return finding }
                } else if starts(with: "<!") {
                    return malformed(startLine, "an unknown <! declaration")
                } else if starts(with: "<?") {
                    guard let first = byte(at: 2), Self.isASCIINameStart(first) else {
                        return malformed(startLine, "a processing instruction without a name")
                    }
                    if !isXMLDeclaration { lines.processingInstructions.append(startLine) }
                    skip(past: "?>")
                } else if starts(with: "</") {
                    if let finding = scanEndTag() { return finding }
                } else if let finding = scanStartTag() {
                    return finding
                }
            }
            return nil
        }

        /// `</name S? >` and nothing else.
        private mutating func scanEndTag() -> SVGFinding? {
            let startLine = line
            step()
            step()
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != Self.gt, bytes[index] != Self.lt {
                step()
            }
            while index < bytes.count, Self.isSpace(bytes[index]) { step() }
            guard index < bytes.count, bytes[index] == Self.gt else {
                return malformed(startLine, "an end tag that does not close with '>'")
            }
            step()
            depth = max(0, depth - 1)
            return nil
        }

        private mutating func scanStartTag() -> SVGFinding? {
            let tagLine = line
            step()
            guard index < bytes.count, Self.isNameStart(bytes[index]) else {
                return malformed(tagLine, "a '<' that does not start a tag")
            }
            sawStartTag = true
            if lines.tags.count >= limits.maxElements {
                return SVGFinding(
                    .tooManyElements, severity: .error, line: tagLine,
                    message: "The document has more than \(limits.maxElements) elements; simplify the logo.")
            }
            let nameStart = index
            while index < bytes.count, !Self.isSpace(bytes[index]), bytes[index] != Self.gt,
                bytes[index] != Self.slash, bytes[index] != Self.lt
            {
                step()
            }
            var tag = TagLines(name: String(decoding: bytes[nameStart..<index], as: UTF8.self), line: tagLine)
            var previous: UInt8 = 0
            // `=` signs outside quotes: attributes and namespace declarations alike.
            var equalsCount = 0
            while true {
                guard index < bytes.count else { return nil }  // Unterminated: libxml2 reports it.
                let byte = bytes[index]
                if byte == Self.dquote || byte == Self.squote {
                    let valueStart = index
                    guard skipQuoted() else { return malformed(tagLine, "an attribute value that never closes") }
                    if bytes[valueStart..<index].contains(Self.lt) {
                        return malformed(tagLine, "a '<' inside an attribute value")
                    }
                    previous = byte
                    continue
                }
                if byte == Self.lt { return malformed(tagLine, "a '<' inside a start tag") }
                if byte == Self.equals {
                    equalsCount += 1
                    if equalsCount > limits.maxAttributesPerElement {
                        return SVGFinding(
                            .tooManyAttributes, severity: .error, line: tagLine,
                            message:
                                "<\(SVGText.quote(tag.name))> on line \(tagLine) has more than \(limits.maxAttributesPerElement) attributes; remove the ones the logo does not need."
                        )
                    }
                    if let nameLine = attributeNameLine(before: index), !isNamespaceDeclaration(before: index) {
                        tag.attributeLines.append(nameLine)
                    }
                }
                if byte == Self.gt {
                    step()
                    break
                }
                if !Self.isSpace(byte) { previous = byte }
                step()
            }
            lines.tags.append(tag)
            if previous != Self.slash {
                depth += 1
                if depth > limits.maxDepth {
                    return SVGFinding(
                        .tooDeep, severity: .error, line: tagLine,
                        message: "Elements are nested more than \(limits.maxDepth) levels deep; flatten the groups.")
                }
            }
            return nil
        }

        /// `<!DOCTYPE …>`: quoted literals, comments and PIs are skipped; inside the internal
        /// subset only `<!…` declarations, comments and PIs may start with '<'.
        private mutating func scanDoctype() -> SVGFinding? {
            let startLine = line
            for _ in 0..<9 { step() }
            var brackets = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == Self.dquote || byte == Self.squote {
                    guard skipQuoted() else { return malformed(startLine, "a DOCTYPE literal that never closes") }
                    continue
                }
                if byte == Self.lt {
                    if starts(with: "<!--") {
                        lines.comments.append(line)
                        skip(past: "-->")
                        continue
                    }
                    if starts(with: "<?") {
                        guard let first = self.byte(at: 2), Self.isASCIINameStart(first) else {
                            return malformed(line, "a processing instruction without a name")
                        }
                        lines.processingInstructions.append(line)
                        skip(past: "?>")
                        continue
                    }
                    guard brackets > 0, self.byte(at: 1) == UInt8(ascii: "!") else {
                        return malformed(line, "a '<' inside the DOCTYPE that is not a declaration")
                    }
                } else if byte == Self.openBracket {
                    brackets += 1
                } else if byte == Self.closeBracket {
                    brackets = max(0, brackets - 1)
                } else if byte == Self.gt && brackets == 0 {
                    step()
                    return nil
                }
                step()
            }
            return nil
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
    }
}
