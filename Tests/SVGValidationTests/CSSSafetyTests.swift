import Testing

@testable import SVGValidation

@Suite("CSS tokenizer and CSS rules")
struct CSSSafetyTests {
    func codes(_ css: String) -> [String] {
        CSSSafety.check(css, context: "<style>").issues.map(\.code.rawValue)
    }

    @Test(
        "Design-tool stylesheets from the real logos pass",
        arguments: [
            ".cls-1 { clip-path: url(#clippath); } .cls-2 { fill: none; } .cls-2, .cls-3 { stroke-width: 0px; }",
            ".st0{fill:#1D1D1B;}",
            "enable-background:new 0 0 3274.8 837.5;",
            "@media (prefers-color-scheme: dark) { .a { fill: #fff } }",
            "/* comment with url(http://x) inside */ .a { fill: url( #g ) }",
            ".a { font-family: \"Open Sans\", sans-serif; content: \"http://example.org\" }",
        ])
    func harmlessCSS(_ css: String) {
        #expect(codes(css).isEmpty, "\(codes(css))")
    }

    @Test(
        "Hostile CSS is caught however it is spelled",
        arguments: [
            ("@import 'x.css';", "security.css-import"),
            ("@IMPORT url(x.css);", "security.css-import"),
            ("@\\69 mport 'x.css';", "security.css-import"),
            ("@im\\port 'x.css';", "security.css-import"),
            ("a{fill:url(http://e.example/x)}", "security.css-external-url"),
            ("a{fill:URL(http://e.example/x)}", "security.css-external-url"),
            ("a{fill:url( 'http://e.example/x' )}", "security.css-external-url"),
            ("a{fill:u\\rl(http://e.example/x)}", "security.css-external-url"),
            ("a{fill:\\75\\72\\6C(http://e.example/x)}", "security.css-external-url"),
            ("a{fill:\\000075rl(http://e.example/x)}", "security.css-external-url"),
            ("a{fill:url(ht\\74p://e.example/x)}", "security.css-external-url"),
            ("a{fill:url(//e.example/x)}", "security.css-external-url"),
            ("a{fill:url(x.svg#a)}", "security.css-external-url"),
            ("a{fill:url(data:image/svg+xml;base64,AAAA)}", "security.css-external-url"),
            ("a{fill:url(http://e.example/a b)}", "security.css-external-url"),
            ("a{background:image-set('http://e.example/x.png' 1x)}", "security.css-external-url"),
            ("a{background:-webkit-image-set(\"http://e.example/x.png\" 1x)}", "security.css-external-url"),
            ("@font-face{src:url(https://e.example/f.woff2)}", "security.css-external-url"),
            ("a{background:src('http://e.example/x.png')}", "security.css-external-url"),
            ("a{fill:url(\"java\\73 cript:alert(1)\")}", "security.script-url"),
            ("a{fill:url(javascript:alert\\28 1\\29)}", "security.script-url"),
            ("a{width:expression(alert(1))}", "security.css-expression"),
            ("a{width:EXPRESSION(alert(1))}", "security.css-expression"),
            ("a{width:expr/**/ession(alert(1))}", ""),
            ("a{width:expr\\65 ssion(alert(1))}", "security.css-expression"),
            ("a{width:ex\\pression(alert(1))}", "security.css-expression"),
            ("a{-moz-binding:url(#x)}", "security.css-binding"),
            ("a{behavior:url(#x)}", "security.css-binding"),
            ("a{BEHAVIOR:url(#x)}", "security.css-binding"),
            ("a{-o-link:\"javascript:alert(1)\";-o-link-source:current}", "security.css-binding"),
            ("a{\\62 ehavior:url(#x)}", "security.css-binding"),
        ])
    func hostileCSS(_ css: String, _ expected: String) {
        let found = codes(css)
        if expected.isEmpty {
            // A comment splits an identifier in CSS, so this is not expression(): nothing to find.
            #expect(!found.contains("security.css-expression"), "\(found)")
        } else {
            #expect(found.contains(expected), "\(css) gave \(found)")
        }
    }

    @Test("url(#id) references are collected for the reference checks")
    func fragmentReferences() {
        let result = CSSSafety.check(".a{clip-path:url(#c)} .b{fill:url('#g')} .c{mask:url( \"#m\" )}", context: "<style>")
        #expect(result.issues.isEmpty)
        #expect(result.fragmentReferences == ["c", "g", "m"])
    }

    @Test("Tokenizer: escapes, comments, strings and url tokens")
    func tokenizer() {
        #expect(CSSTokenizer.tokenize("u\\72l(x)") == [.url("x")])
        #expect(CSSTokenizer.tokenize("url(  'x'  )") == [.function("url"), .whitespace, .string("x"), .whitespace, .closeParen])
        #expect(CSSTokenizer.tokenize("a/**/b") == [.ident("a"), .ident("b")])
        #expect(CSSTokenizer.tokenize("/* never closed url(http://x)") == [])
        #expect(CSSTokenizer.tokenize("'a\\\nb'") == [.string("ab")])
        #expect(CSSTokenizer.tokenize("'open\nx") == [.badString, .whitespace, .ident("x")])
        #expect(CSSTokenizer.tokenize("@\\69mport") == [.atKeyword("import")])
        #expect(CSSTokenizer.tokenize("#\\31 a") == [.hash("1a")])
        #expect(CSSTokenizer.tokenize("\\0 x") == [.ident("\u{FFFD}x")])
        #expect(CSSTokenizer.tokenize("1.5e3px -.5% +2") == [.numeric, .whitespace, .numeric, .whitespace, .numeric])
        #expect(CSSTokenizer.tokenize("<!-- -->") == [.cdo, .whitespace, .cdc])
    }
}
