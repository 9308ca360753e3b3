extension SVGFinding {
    /// The stable finding codes. Each is documented in `docs/svg-findings.md`; add new ones there too.
    public struct Code: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Bytes and limits, checked before or while reading the tree.
        public static let tooLarge = Code(rawValue: "limits.too-large")
        public static let tooDeep = Code(rawValue: "limits.too-deep")
        public static let tooManyElements = Code(rawValue: "limits.too-many-elements")
        public static let tooManyAttributes = Code(rawValue: "limits.too-many-attributes")
        public static let tooManyFindings = Code(rawValue: "limits.too-many-findings")

        // Bytes and XML.
        public static let empty = Code(rawValue: "parse.empty")
        public static let compressed = Code(rawValue: "parse.compressed")
        public static let notXML = Code(rawValue: "parse.not-xml")
        public static let unsupportedEncoding = Code(rawValue: "parse.unsupported-encoding")
        public static let invalidUTF8 = Code(rawValue: "parse.invalid-utf8")
        public static let malformed = Code(rawValue: "parse.malformed")
        public static let namespaceError = Code(rawValue: "parse.namespace-error")
        public static let parserWarning = Code(rawValue: "parse.warning")
        public static let entityDeclaration = Code(rawValue: "parse.entity-declaration")
        public static let entityReference = Code(rawValue: "parse.entity-reference")
        public static let internalSubset = Code(rawValue: "parse.internal-subset")
        public static let externalDoctype = Code(rawValue: "parse.external-doctype")

        // Security: anything that can run code, fetch something or hide markup.
        public static let scriptElement = Code(rawValue: "security.script-element")
        public static let eventAttribute = Code(rawValue: "security.event-attribute")
        public static let scriptURL = Code(rawValue: "security.script-url")
        public static let externalReference = Code(rawValue: "security.external-reference")
        public static let foreignObject = Code(rawValue: "security.foreign-object")
        public static let hiddenContent = Code(rawValue: "security.hidden-content")
        public static let htmlContent = Code(rawValue: "security.html-content")
        public static let embeddingElement = Code(rawValue: "security.embedding-element")
        public static let xinclude = Code(rawValue: "security.xinclude")
        public static let processingInstruction = Code(rawValue: "security.processing-instruction")
        public static let cssImport = Code(rawValue: "security.css-import")
        public static let cssExternalURL = Code(rawValue: "security.css-external-url")
        public static let cssExpression = Code(rawValue: "security.css-expression")
        public static let cssBinding = Code(rawValue: "security.css-binding")
        public static let animatedReference = Code(rawValue: "security.animated-reference")
        public static let duplicateID = Code(rawValue: "security.duplicate-id")
        public static let referenceCycle = Code(rawValue: "security.reference-cycle")
        public static let referenceAmplification = Code(rawValue: "security.reference-amplification")
        public static let markupInText = Code(rawValue: "security.markup-in-text")
        public static let markupInComment = Code(rawValue: "security.markup-in-comment")
        public static let baseURI = Code(rawValue: "security.base-uri")

        // Usability: is this a logo we can draw.
        public static let notSVGRoot = Code(rawValue: "usability.not-svg-root")
        public static let noDimensions = Code(rawValue: "usability.no-dimensions")
        public static let invalidViewBox = Code(rawValue: "usability.invalid-viewbox")
        public static let invalidLength = Code(rawValue: "usability.invalid-length")
        public static let zeroSize = Code(rawValue: "usability.zero-size")
        public static let nothingDrawable = Code(rawValue: "usability.nothing-drawable")
        public static let rasterOnly = Code(rawValue: "usability.raster-only")
        public static let embeddedRaster = Code(rawValue: "usability.embedded-raster")
        public static let brokenReference = Code(rawValue: "usability.broken-reference")
        public static let animation = Code(rawValue: "usability.animation")
        public static let bimiSize = Code(rawValue: "usability.bimi-size")
        public static let foreignElement = Code(rawValue: "usability.foreign-element")

        // SVG Tiny Portable/Secure (BIMI) profile, reported in `SVGReport.tinyPS`.
        public static let tinyPSVersion = Code(rawValue: "tinyps.version")
        public static let tinyPSBaseProfile = Code(rawValue: "tinyps.base-profile")
        public static let tinyPSTitle = Code(rawValue: "tinyps.title")
        public static let tinyPSDesc = Code(rawValue: "tinyps.desc")
        public static let tinyPSRootPosition = Code(rawValue: "tinyps.root-position")
        public static let tinyPSElement = Code(rawValue: "tinyps.element")
        public static let tinyPSAttribute = Code(rawValue: "tinyps.attribute")
        public static let tinyPSFixedAttribute = Code(rawValue: "tinyps.fixed-attribute")
        public static let tinyPSStyle = Code(rawValue: "tinyps.style")
        public static let tinyPSXLinkHref = Code(rawValue: "tinyps.xlink-href")
        public static let tinyPSSize = Code(rawValue: "tinyps.size")
        public static let tinyPSSquare = Code(rawValue: "tinyps.square")
        public static let tinyPSViewBox = Code(rawValue: "tinyps.viewbox")
        public static let tinyPSRelativeSize = Code(rawValue: "tinyps.relative-size")
        public static let tinyPSColours = Code(rawValue: "tinyps.colours")

        /// Every code the validator can emit, in the order of docs/svg-findings.md.
        public static let all: [Code] = [
            .tooLarge,
            .tooDeep,
            .tooManyElements,
            .tooManyAttributes,
            .tooManyFindings,
            .empty,
            .compressed,
            .notXML,
            .unsupportedEncoding,
            .invalidUTF8,
            .malformed,
            .namespaceError,
            .parserWarning,
            .entityDeclaration,
            .entityReference,
            .internalSubset,
            .externalDoctype,
            .scriptElement,
            .eventAttribute,
            .scriptURL,
            .externalReference,
            .foreignObject,
            .hiddenContent,
            .htmlContent,
            .embeddingElement,
            .xinclude,
            .processingInstruction,
            .cssImport,
            .cssExternalURL,
            .cssExpression,
            .cssBinding,
            .animatedReference,
            .duplicateID,
            .referenceCycle,
            .referenceAmplification,
            .markupInText,
            .markupInComment,
            .baseURI,
            .notSVGRoot,
            .noDimensions,
            .invalidViewBox,
            .invalidLength,
            .zeroSize,
            .nothingDrawable,
            .rasterOnly,
            .embeddedRaster,
            .brokenReference,
            .animation,
            .bimiSize,
            .foreignElement,
            .tinyPSVersion,
            .tinyPSBaseProfile,
            .tinyPSTitle,
            .tinyPSDesc,
            .tinyPSRootPosition,
            .tinyPSElement,
            .tinyPSAttribute,
            .tinyPSFixedAttribute,
            .tinyPSStyle,
            .tinyPSXLinkHref,
            .tinyPSSize,
            .tinyPSSquare,
            .tinyPSViewBox,
            .tinyPSRelativeSize,
            .tinyPSColours,
        ]
    }

    /// The finding's code as a `Code` value.
    public var findingCode: Code { Code(rawValue: code) }
}
