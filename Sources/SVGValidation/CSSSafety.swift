/// The CSS rules: what in a `<style>` sheet, a `style=` attribute or a presentation attribute
/// can fetch or run something. Works on `CSSTokenizer` tokens, never on raw text.
struct CSSSafety {
    struct Issue: Equatable {
        var code: SVGFinding.Code
        var message: String
    }

    var issues: [Issue] = []
    /// Ids named by `url(#id)`, for reference checks.
    var fragmentReferences: [String] = []

    /// Functions whose bare string arguments are URLs.
    private static let imageFunctions: Set<String> = ["image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade"]
    private static let bindingProperties: Set<String> = ["behavior", "-moz-binding", "-ms-behavior", "-o-link", "-o-link-source"]

    /// - Parameter context: where the CSS came from, for messages ("<style>", "style on <rect>").
    static func check(_ css: String, context: String) -> CSSSafety {
        var result = CSSSafety()
        let tokens = CSSTokenizer.tokenize(css)
        // For each open parenthesis-like block: the lowercased function name, or "" for others.
        var functionStack: [String] = []
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .atKeyword(let name):
                if SVGText.asciiLowercased(name) == "import" {
                    result.issues.append(
                        Issue(code: .cssImport, message: "@import in \(context) loads another stylesheet; inline the rules instead."))
                }
            case .url(let value):
                result.checkURL(value, context: context)
            case .badURL:
                result.issues.append(
                    Issue(code: .cssExternalURL, message: "A malformed url() in \(context) cannot be checked; use url(#id) only."))
            case .function(let rawName):
                let name = SVGText.asciiLowercased(rawName)
                functionStack.append(name)
                if name == "expression" {
                    result.issues.append(Issue(code: .cssExpression, message: "expression() in \(context) runs script; remove it."))
                } else if name == "url" || name == "src" {
                    // url("…") / src("…"): the first string argument is the URL.
                    var lookahead = index + 1
                    while lookahead < tokens.count, tokens[lookahead] == .whitespace { lookahead += 1 }
                    if lookahead < tokens.count, case .string(let value) = tokens[lookahead] {
                        result.checkURL(value, context: context)
                    } else if name == "src" {
                        result.issues.append(
                            Issue(code: .cssExternalURL, message: "src() in \(context) loads a resource; use url(#id) only."))
                    }
                }
            case .string(let value):
                if let function = functionStack.last, Self.imageFunctions.contains(function) {
                    result.checkURL(value, context: context)
                }
            case .ident(let name):
                if Self.bindingProperties.contains(SVGText.asciiLowercased(name)) {
                    result.issues.append(
                        Issue(code: .cssBinding, message: "\(SVGText.quote(name)) in \(context) attaches script behaviour; remove it."))
                }
            case .openParen, .openSquare, .openCurly:
                functionStack.append("")
            case .closeParen, .closeSquare, .closeCurly:
                if !functionStack.isEmpty { functionStack.removeLast() }
            default:
                break
            }
            index += 1
        }
        return result
    }

    private mutating func checkURL(_ value: String, context: String) {
        switch ReferenceValue(value) {
        case .fragment(let id):
            fragmentReferences.append(id)
        case .script(let scheme):
            issues.append(Issue(code: .scriptURL, message: "A \(scheme): URL in \(context) runs script; use url(#id) only."))
        default:
            issues.append(
                Issue(
                    code: .cssExternalURL,
                    message: "url(\(SVGText.quote(value))) in \(context) loads something outside the logo; use url(#id) only."))
        }
    }
}
