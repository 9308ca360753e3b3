/// A CSS tokenizer following CSS Syntax Level 3 §4 (tokenization only, no parsing), so that
/// comments, escapes (`ur\l(`, `\75 rl(`), quoting and `url(` forms are seen exactly as a
/// browser sees them. Only what the safety rules need is kept in the tokens.
enum CSSToken: Equatable {
    case ident(String)
    case function(String)
    case atKeyword(String)
    case hash(String)
    case string(String)
    case badString
    case url(String)
    case badURL
    case delim(Unicode.Scalar)
    case numeric
    case whitespace
    case cdo, cdc
    case colon, semicolon, comma
    case openSquare, closeSquare, openParen, closeParen, openCurly, closeCurly
}

struct CSSTokenizer {
    private var input: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        // §3.3 preprocessing: CR LF, CR and FF become LF; NUL becomes U+FFFD.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r": scalars.append("\n"); previousWasCR = true; continue
            case "\n" where previousWasCR: break
            case "\u{0C}": scalars.append("\n")
            case "\u{0}": scalars.append("\u{FFFD}")
            default: scalars.append(scalar)
            }
            previousWasCR = false
        }
        input = scalars
    }

    static func tokenize(_ text: String) -> [CSSToken] {
        var tokenizer = CSSTokenizer(text)
        var tokens: [CSSToken] = []
        while let token = tokenizer.next() { tokens.append(token) }
        return tokens
    }

    // MARK: - Code point helpers

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < input.count ? input[index] : nil
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
    private static func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    }
    private static func isWhitespace(_ c: Unicode.Scalar?) -> Bool { c == "\n" || c == "\t" || c == " " }
    private static func isIdentStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" || c.value >= 0x80
    }
    private static func isIdentCodePoint(_ c: Unicode.Scalar?) -> Bool {
        isIdentStart(c) || isDigit(c) || c == "-"
    }
    private static func isNonPrintable(_ c: Unicode.Scalar) -> Bool {
        c.value <= 0x08 || c.value == 0x0B || (0x0E...0x1F).contains(c.value) || c.value == 0x7F
    }

    /// §4.3.8: a backslash not followed by a newline.
    private static func isValidEscape(_ first: Unicode.Scalar?, _ second: Unicode.Scalar?) -> Bool {
        first == "\\" && second != "\n"
    }

    /// §4.3.9
    private func startsIdentSequence(_ offset: Int = 0) -> Bool {
        let first = peek(offset)
        if first == "-" {
            return Self.isIdentStart(peek(offset + 1)) || peek(offset + 1) == "-"
                || Self.isValidEscape(peek(offset + 1), peek(offset + 2))
        }
        if Self.isIdentStart(first) { return true }
        return Self.isValidEscape(first, peek(offset + 1))
    }

    /// §4.3.10
    private func startsNumber() -> Bool {
        let first = peek()
        if first == "+" || first == "-" {
            if Self.isDigit(peek(1)) { return true }
            return peek(1) == "." && Self.isDigit(peek(2))
        }
        if first == "." { return Self.isDigit(peek(1)) }
        return Self.isDigit(first)
    }

    // MARK: - Consuming

    /// §4.3.1
    mutating func next() -> CSSToken? {
        consumeComments()
        guard let c = peek() else { return nil }
        if Self.isWhitespace(c) {
            while Self.isWhitespace(peek()) { position += 1 }
            return .whitespace
        }
        switch c {
        case "\"", "'":
            position += 1
            return consumeString(ending: c)
        case "#":
            if Self.isIdentCodePoint(peek(1)) || Self.isValidEscape(peek(1), peek(2)) {
                position += 1
                return .hash(consumeName())
            }
            position += 1
            return .delim(c)
        case "(": position += 1; return .openParen
        case ")": position += 1; return .closeParen
        case ",": position += 1; return .comma
        case ":": position += 1; return .colon
        case ";": position += 1; return .semicolon
        case "[": position += 1; return .openSquare
        case "]": position += 1; return .closeSquare
        case "{": position += 1; return .openCurly
        case "}": position += 1; return .closeCurly
        case "+", ".":
            if startsNumber() { return consumeNumeric() }
            position += 1
            return .delim(c)
        case "-":
            if startsNumber() { return consumeNumeric() }
            if peek(1) == "-" && peek(2) == ">" { position += 3; return .cdc }
            if startsIdentSequence() { return consumeIdentLike() }
            position += 1
            return .delim(c)
        case "<":
            if peek(1) == "!" && peek(2) == "-" && peek(3) == "-" { position += 4; return .cdo }
            position += 1
            return .delim(c)
        case "@":
            if startsIdentSequence(1) {
                position += 1
                return .atKeyword(consumeName())
            }
            position += 1
            return .delim(c)
        case "\\":
            if Self.isValidEscape(c, peek(1)) { return consumeIdentLike() }
            position += 1
            return .delim(c)
        default:
            if Self.isDigit(c) { return consumeNumeric() }
            if Self.isIdentStart(c) { return consumeIdentLike() }
            position += 1
            return .delim(c)
        }
    }

    /// §4.3.2: comments vanish; an unterminated one runs to the end.
    private mutating func consumeComments() {
        while peek() == "/" && peek(1) == "*" {
            position += 2
            while position < input.count && !(peek() == "*" && peek(1) == "/") { position += 1 }
            position = min(position + 2, input.count)
        }
    }

    /// §4.3.7, after the backslash.
    private mutating func consumeEscaped() -> Unicode.Scalar {
        guard let c = peek() else { return "\u{FFFD}" }
        position += 1
        guard Self.isHex(c) else { return c }
        var value = UInt32(String(c), radix: 16)!
        var digits = 1
        while digits < 6, let next = peek(), Self.isHex(next) {
            value = value * 16 + UInt32(String(next), radix: 16)!
            position += 1
            digits += 1
        }
        if Self.isWhitespace(peek()) { position += 1 }
        if value == 0 || (0xD800...0xDFFF).contains(value) || value > 0x10FFFF { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }

    /// §4.3.11
    private mutating func consumeName() -> String {
        var result = String.UnicodeScalarView()
        while let c = peek() {
            if Self.isIdentCodePoint(c) {
                result.append(c)
                position += 1
            } else if Self.isValidEscape(c, peek(1)) {
                position += 1
                result.append(consumeEscaped())
            } else {
                break
            }
        }
        return String(result)
    }

    /// §4.3.5
    private mutating func consumeString(ending: Unicode.Scalar) -> CSSToken {
        var result = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { return .string(String(result)) }
            position += 1
            if c == ending { return .string(String(result)) }
            if c == "\n" {
                position -= 1
                return .badString
            }
            if c == "\\" {
                guard let next = peek() else { continue }
                if next == "\n" { position += 1; continue }
                result.append(consumeEscaped())
                continue
            }
            result.append(c)
        }
    }

    /// §4.3.3 (values are not needed, only correct token boundaries).
    private mutating func consumeNumeric() -> CSSToken {
        if peek() == "+" || peek() == "-" { position += 1 }
        while Self.isDigit(peek()) { position += 1 }
        if peek() == "." && Self.isDigit(peek(1)) {
            position += 1
            while Self.isDigit(peek()) { position += 1 }
        }
        if peek() == "e" || peek() == "E" {
            if Self.isDigit(peek(1)) {
                position += 1
                while Self.isDigit(peek()) { position += 1 }
            } else if (peek(1) == "+" || peek(1) == "-") && Self.isDigit(peek(2)) {
                position += 2
                while Self.isDigit(peek()) { position += 1 }
            }
        }
        if startsIdentSequence() {
            _ = consumeName()
        } else if peek() == "%" {
            position += 1
        }
        return .numeric
    }

    /// §4.3.4
    private mutating func consumeIdentLike() -> CSSToken {
        let name = consumeName()
        if SVGText.asciiLowercased(name) == "url" && peek() == "(" {
            position += 1
            while Self.isWhitespace(peek()) && Self.isWhitespace(peek(1)) { position += 1 }
            let next = Self.isWhitespace(peek()) ? peek(1) : peek()
            if next == "\"" || next == "'" { return .function(name) }
            return consumeURL()
        }
        if peek() == "(" {
            position += 1
            return .function(name)
        }
        return .ident(name)
    }

    /// §4.3.6
    private mutating func consumeURL() -> CSSToken {
        var result = String.UnicodeScalarView()
        while Self.isWhitespace(peek()) { position += 1 }
        while true {
            guard let c = peek() else { return .url(String(result)) }
            position += 1
            switch c {
            case ")":
                return .url(String(result))
            case _ where Self.isWhitespace(c):
                while Self.isWhitespace(peek()) { position += 1 }
                if peek() == ")" { position += 1; return .url(String(result)) }
                if peek() == nil { return .url(String(result)) }
                consumeBadURLRemnants()
                return .badURL
            case "\"", "'", "(":
                consumeBadURLRemnants()
                return .badURL
            case _ where Self.isNonPrintable(c):
                consumeBadURLRemnants()
                return .badURL
            case "\\":
                if Self.isValidEscape(c, peek()) {
                    result.append(consumeEscaped())
                } else {
                    consumeBadURLRemnants()
                    return .badURL
                }
            default:
                result.append(c)
            }
        }
    }

    /// §4.3.14
    private mutating func consumeBadURLRemnants() {
        while let c = peek() {
            position += 1
            if c == ")" { return }
            if Self.isValidEscape(c, peek()) { _ = consumeEscaped() }
        }
    }
}
