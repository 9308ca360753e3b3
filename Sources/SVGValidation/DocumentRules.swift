/// Rules on the XML layer: what libxml2 reported, the DOCTYPE and what sits beside the root.
enum DocumentRules {
    /// How many libxml2 errors to pass on; after the first few they are usually echoes.
    private static let maxParserErrors = 3

    static func check(_ parsed: ParsedXML, into collector: inout FindingCollector) {
        var errorsReported = 0
        for message in parsed.messages {
            let text = SVGText.quote(message.message, limit: 160)
            switch message.level {
            case .warning:
                collector.add(.parserWarning, .warning, line: message.line, "XML warning: \(text).")
            case .error, .fatal:
                guard errorsReported < maxParserErrors else { continue }
                errorsReported += 1
                if message.isNamespaceError {
                    collector.add(.namespaceError, .error, line: message.line, "Namespace error: \(text); declare every prefix with xmlns.")
                } else {
                    collector.add(.malformed, .error, line: message.line, "Not well-formed XML: \(text).")
                }
            }
        }
        if !parsed.namespaceWellFormed && !parsed.messages.contains(where: \.isNamespaceError) {
            collector.add(.namespaceError, .error, line: nil, "The document uses namespaces incorrectly; declare every prefix with xmlns.")
        }

        for declaration in parsed.declarations {
            let name = SVGText.quote(declaration.name)
            switch declaration.kind {
            case .entity:
                collector.add(
                    .entityDeclaration, .error, line: declaration.line,
                    "The DOCTYPE declares the entity \"\(name)\", which could expand or read files; remove the DOCTYPE.")
            case .attributeList, .element, .notation:
                collector.add(
                    .internalSubset, .error, line: declaration.line,
                    "The DOCTYPE declares <!\(declaration.kind.rawValue) \(name)>, which can add attributes in some viewers; remove the DOCTYPE."
                )
            }
        }
        if parsed.doctypeName != nil && parsed.declarations.isEmpty {
            collector.add(
                .externalDoctype, .warning, line: parsed.doctypeLine,
                "The DOCTYPE is not needed and is never loaded; remove it.")
        }

        for node in parsed.prolog {
            SecurityRules.checkLeaf(node, into: &collector)
        }
    }
}
