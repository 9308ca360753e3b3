/// Is this a logo that can be drawn: an SVG root, a size, something visible, vector content.
enum UsabilityRules {
    /// BIMI's size bar (Mail::BIMI `svg_max_size`), reported for information.
    static let bimiMaxBytes = 32_768

    /// Containers whose content is only drawn when referenced, never in place.
    private static let nonRendering: Set<String> = [
        "defs", "symbol", "clippath", "mask", "pattern", "marker", "lineargradient", "radialgradient",
        "filter", "metadata", "title", "desc", "style", "script", "foreignobject", "font", "font-face",
    ]
    private static let shapes: Set<String> = ["rect", "circle", "ellipse", "line"]
    private static let textElements: Set<String> = ["text", "textarea"]

    /// Returns the declared size (nil when the root is not SVG).
    static func check(_ root: XMLElement, byteCount: Int, into collector: inout FindingCollector) -> SVGIntrinsicSize? {
        if byteCount > bimiMaxBytes {
            collector.add(
                .bimiSize, .info, line: nil,
                "The file is \(byteCount) bytes; BIMI receivers refuse logos over 32 KB, so simplify it if it is also used for e-mail.")
        }
        guard root.name == "svg", root.isSVG else {
            let message: String
            if root.name == "svg" && root.namespaceURI == nil {
                message = "The root <svg> lacks xmlns=\"http://www.w3.org/2000/svg\", so it is not SVG; add the namespace."
            } else if root.name == "svg" {
                message =
                    "The root <svg> is in the namespace \(SVGText.quote(root.namespaceURI ?? "", limit: 60)), not SVG's; use xmlns=\"http://www.w3.org/2000/svg\"."
            } else {
                message = "The root element is <\(SVGText.quote(root.qualifiedName))>, not <svg>; publish an SVG file."
            }
            collector.add(.notSVGRoot, .error, line: root.line, message)
            return nil
        }
        let size = checkDimensions(root, into: &collector)
        checkDrawable(root, into: &collector)
        return size
    }

    private static func checkDimensions(_ root: XMLElement, into collector: inout FindingCollector) -> SVGIntrinsicSize {
        var size = SVGIntrinsicSize()
        var hasViewBox = false
        if let raw = root.attribute("viewBox") {
            if let box = SVGLength.viewBox(raw) {
                size.viewBox = box
                if box[2] <= 0 || box[3] <= 0 {
                    collector.add(
                        .zeroSize, .error, line: root.line,
                        "The viewBox \"\(SVGText.quote(raw))\" has no area, so nothing is drawn; give it a positive width and height.")
                } else {
                    hasViewBox = true
                }
            } else {
                collector.add(
                    .invalidViewBox, .warning, line: root.line,
                    "The viewBox \"\(SVGText.quote(raw))\" is not four numbers; write it as \"min-x min-y width height\".")
            }
        }
        var absolute: [String: Double] = [:]
        for name in ["width", "height"] {
            guard let raw = root.attribute(name) else { continue }
            switch SVGLength.parse(raw) {
            case .absolute(let value) where value > 0:
                absolute[name] = value
            case .absolute:
                collector.add(
                    .zeroSize, .error, line: root.line,
                    "\(name)=\"\(SVGText.quote(raw))\" on <svg> is not positive, so nothing is drawn; give a positive size.")
            case .relative:
                break
            case .invalid:
                collector.add(
                    .invalidLength, .warning, line: root.line,
                    "\(name)=\"\(SVGText.quote(raw))\" on <svg> is not a length; use a number such as \"120\".")
            }
        }
        size.width = absolute["width"]
        size.height = absolute["height"]
        if !hasViewBox && (size.width == nil || size.height == nil) {
            collector.add(
                .noDimensions, .warning, line: root.line,
                "The <svg> has neither a viewBox nor an absolute width and height, so it has no shape of its own; add a viewBox.")
        }
        return size
    }

    private static func checkDrawable(_ root: XMLElement, into collector: inout FindingCollector) {
        var vector = 0
        var raster = 0
        func visit(_ element: XMLElement) {
            guard element.isSVG else { return }
            let name = SVGText.asciiLowercased(element.name)
            if nonRendering.contains(name) { return }
            switch name {
            case "path":
                if let d = element.attribute("d"), !SVGText.isBlank(d) { vector += 1 }
            case "polyline", "polygon":
                if let points = element.attribute("points"), !SVGText.isBlank(points) { vector += 1 }
            case _ where shapes.contains(name):
                vector += 1
            case _ where textElements.contains(name):
                if hasVisibleText(element) { vector += 1 }
                return
            case "use":
                vector += 1
            case "image":
                raster += 1
            default:
                break
            }
            for child in element.childElements { visit(child) }
        }
        visit(root)
        if vector == 0 && raster == 0 {
            collector.add(
                .nothingDrawable, .error, line: root.line,
                "The SVG contains no shapes, text or images to draw; export the logo again.")
        } else if vector == 0 {
            collector.add(
                .rasterOnly, .warning, line: root.line,
                "The logo is only a raster image wrapped in SVG, so it will blur when scaled; publish the vector original.")
        }
    }

    private static func hasVisibleText(_ element: XMLElement) -> Bool {
        if !SVGText.isBlank(element.text) { return true }
        return element.childElements.contains { $0.isSVG && hasVisibleText($0) }
    }
}
