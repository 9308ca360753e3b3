/// What SVG Tiny PS allows where: element content models and per-element attribute names,
/// transcribed from the BIMI Group's RelaxNG schema (`SVG_PS-latest.rnc`, see docs/svg.md §2).
/// Names only; the few values the schema fixes are checked in `TinyPSRules`.
enum TinyPSVocabulary {
    /// Metadata attributes every element but `metadata` may carry (plus `xml:base|id|lang|space`).
    private static let core: Set<String> = [
        "about", "class", "content", "datatype", "id", "property", "rel", "resource", "rev", "role", "typeof",
    ]
    /// Presentation attributes of graphics and containers.
    static let presentation: Set<String> = [
        "color", "color-rendering", "direction", "display-align", "fill", "fill-opacity", "fill-rule",
        "font-family", "font-size", "font-style", "font-variant", "font-weight", "line-increment",
        "solid-color", "solid-opacity", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
        "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
        "stroke-width", "text-align", "text-anchor", "unicode-bidi", "vector-effect",
    ]
    private static let conditionalAndTransform: Set<String> = ["requiredFonts", "systemLanguage", "transform"]
    private static let documentation: Set<String> = [
        "buffered-rendering", "display", "image-rendering", "shape-rendering", "text-rendering", "viewport-fill",
        "viewport-fill-opacity", "visibility", "requiredFonts", "systemLanguage",
    ]
    private static let graphics = core.union(presentation).union(conditionalAndTransform)
    private static let paintServers = core.union(presentation)

    /// Attribute names (no namespace) allowed on each element of the profile.
    static let attributes: [String: Set<String>] = [
        "svg": paintServers.union([
            "baseProfile", "contentScriptType", "externalResourcesRequired", "focusable", "height", "playbackOrder",
            "preserveAspectRatio", "snapshotTime", "timelineBegin", "version", "viewBox", "width", "zoomAndPan",
        ]),
        "title": core.union(documentation),
        "desc": core.union(documentation),
        "metadata": [],
        "g": graphics,
        "defs": paintServers,
        "use": graphics.union(["href", "x", "y"]),
        "path": graphics.union(["d", "pathLength"]),
        "rect": graphics.union(["x", "y", "width", "height", "rx", "ry"]),
        "circle": graphics.union(["cx", "cy", "r"]),
        "ellipse": graphics.union(["cx", "cy", "rx", "ry"]),
        "line": graphics.union(["x1", "y1", "x2", "y2"]),
        "polyline": graphics.union(["points"]),
        "polygon": graphics.union(["points"]),
        "solidColor": paintServers,
        "linearGradient": paintServers.union(["gradientUnits", "x1", "y1", "x2", "y2"]),
        "radialGradient": paintServers.union(["gradientUnits", "cx", "cy", "r"]),
        "stop": paintServers.union(["offset"]),
        "text": graphics.union(["editable", "rotate", "x", "y"]),
        "textArea": graphics.union(["x", "y", "width", "height"]),
    ]

    private static let shapesAndContainers: Set<String> = [
        "path", "rect", "circle", "line", "ellipse", "polyline", "polygon", "solidColor", "textArea",
        "linearGradient", "radialGradient", "text", "g", "defs", "use",
    ]

    /// Child elements allowed in each element (text-only and empty elements map to []).
    /// `svg` also requires `title` first; that is checked separately.
    static let children: [String: Set<String>] = [
        "svg": shapesAndContainers.union(["title", "desc", "metadata"]),
        "g": shapesAndContainers,
        "defs": shapesAndContainers,
        "linearGradient": ["stop"],
        "radialGradient": ["stop"],
    ]

    static var elements: Set<String> { Set(attributes.keys) }

    /// `xml:` attributes allowed everywhere but on `metadata`.
    static let xmlAttributes: Set<String> = ["base", "id", "lang", "space"]
}
