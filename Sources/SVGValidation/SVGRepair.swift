/// What a repair removed; every kind is invisible when the logo is drawn.
public struct SVGRepairRemovals: Sendable, Codable, Equatable {
    public var comments = 0
    /// `<metadata>` elements (SVG namespace), with whatever RDF they held.
    public var metadata = 0
    /// Elements in editor namespaces (Inkscape, Sodipodi, Sketch, Illustrator, Serif, RDF).
    public var editorElements = 0
    /// Attributes in those namespaces (`inkscape:label`, `sodipodi:docname`, `i:extraneous`…).
    public var editorAttributes = 0
    /// `xmlns:…` declarations of those namespaces.
    public var namespaceDeclarations = 0
    /// `<defs>` children nothing references, and `<defs>` left empty.
    public var unusedDefinitions = 0
    /// A bare external DOCTYPE (never loaded, so never needed).
    public var doctype = false

    public init() {}

    public var total: Int {
        comments + metadata + editorElements + editorAttributes + namespaceDeclarations + unusedDefinitions + (doctype ? 1 : 0)
    }

    /// "3 comments, 1 metadata element, …" or "nothing".
    public var summary: String {
        var parts: [String] = []
        func add(_ count: Int, _ singular: String, _ plural: String) {
            if count > 0 { parts.append("\(count) \(count == 1 ? singular : plural)") }
        }
        add(comments, "comment", "comments")
        add(metadata, "metadata element", "metadata elements")
        add(editorElements, "editor element", "editor elements")
        add(editorAttributes, "editor attribute", "editor attributes")
        add(namespaceDeclarations, "editor namespace declaration", "editor namespace declarations")
        add(unusedDefinitions, "unused definition", "unused definitions")
        if doctype { parts.append("the DOCTYPE") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}

/// The outcome of `SVGRepair.repair`: the original report always, and a cleaned copy with its
/// own report when repair was allowed.
public struct SVGRepairResult: Sendable {
    /// The verdict on the bytes as given; a repair never replaces it.
    public let original: SVGReport
    /// The cleaned copy, or `nil` when the file was not repaired (see `refusal`).
    public let repaired: [UInt8]?
    /// The same validator's verdict on the cleaned copy.
    public let repairedReport: SVGReport?
    public let removals: SVGRepairRemovals
    /// Why there is no copy, in one sentence.
    public let refusal: String?
}

/// Writes a cleaned copy of a logo: comments, metadata, editor namespaces, unused definitions
/// and a bare DOCTYPE removed, nothing that changes how it looks. An operator tool, never run
/// on its own on a logo shown to citizens.
///
/// A file with security, parse or limit errors is not repaired at all: removing the finding's
/// cause would make an unsafe file look acceptable, and the verdict must stay with the bytes the
/// organisation published. Otherwise the copy is validated again with the same validator.
public enum SVGRepair {
    public static func repair(_ bytes: [UInt8], validator: SVGValidator = SVGValidator()) -> SVGRepairResult {
        let original = validator.validate(bytes)
        let blocking = original.findings.first { finding in
            finding.severity == .error && ["security.", "parse.", "limits."].contains { finding.code.hasPrefix($0) }
        }
        if let blocking {
            return SVGRepairResult(
                original: original, repaired: nil, repairedReport: nil, removals: SVGRepairRemovals(),
                refusal:
                    "Not repaired: the file has a \(blocking.code.hasPrefix("security.") ? "security" : "parse or limit") error (\(blocking.code)); a repair never turns such a file into an accepted logo."
            )
        }
        guard let (cleaned, removals) = LibXML2Rewriter.rewrite(bytes) else {
            return SVGRepairResult(
                original: original, repaired: nil, repairedReport: nil, removals: SVGRepairRemovals(),
                refusal: "Not repaired: the file could not be parsed again.")
        }
        return SVGRepairResult(
            original: original, repaired: cleaned, repairedReport: validator.validate(cleaned), removals: removals, refusal: nil)
    }
}
