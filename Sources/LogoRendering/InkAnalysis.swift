import Foundation
import SVGValidation

/// What a rendered logo shows, measured on its pixels. Pure; every threshold is a named constant
/// here and documented in docs/logo-rendering.md.
///
/// - **ink**: a pixel's alpha (0...1) is how much ink it carries; sums are alpha-weighted, so
///   anti-aliased edges count for what they are.
/// - **faint on white**: the pixel drawn over white (what a mail client shows) has a WCAG 2
///   contrast ratio against white below `faintContrast` (1.5), i.e. relative luminance above 0.65.
/// - **invisible on white**: more than `invisibleShare` (half) of the ink is faint on white, and
///   the ink that is not faint does not sit on a faint backdrop. A backdrop is a white (or very
///   light) tile or badge drawn behind dark marks: it is faint on white, but the marks on it show.
///   A visible pixel sits on the backdrop when opaque faint ink lies on both sides of it in its row
///   and in its column; when at least `backdropShare` (half) of the visible ink does, the faint ink
///   is taken for a backdrop and the logo is not invisible.
/// - **blank**: less ink than `blankInk` fully opaque pixels (a 4×4 square) on the whole canvas.
/// - **trimmed box**: every pixel with alpha > 0.
/// - **mostly margin**: the trimmed box is narrower than `marginShare` (25 %) of the canvas width
///   *and* lower than 25 % of its height.
/// - **kind**: `wordmark` when the trimmed box is at least `wordmarkAspect` (2) times as wide as
///   high, or when one horizontal line crosses at least `glyphRow` (4) separate shapes (letters,
///   outlined or drawn as text); else `icon` when the box is near-square (aspect 0.8...1.25) and
///   the drawing fills at least `iconFill` (60 %) of it (a tile or badge); else `symbol`.
/// - **theme**: `light` when invisible on white, else `dark`.
/// - **brand colours**: pixels with alpha ≥ 50 %, colours binned at 4 bits per channel, bins
///   merged into the heavier colour when nearer than `colourDistance` (48 in 0...255 RGB), at most
///   three, each at least `colourShare` (5 %) of the counted ink.
public struct InkAnalysis: Sendable, Equatable {
    public static let faintContrast = 1.5
    public static let invisibleShare = 0.5
    public static let backdropShare = 0.5
    public static let blankInk = 16.0
    public static let marginShare = 0.25
    public static let wordmarkAspect = 2.0
    public static let glyphRow = 4
    public static let iconAspect = 0.8...1.25
    public static let iconFill = 0.6
    public static let colourDistance = 48.0
    public static let colourShare = 0.05

    public let canvas: PixelSize
    public let measures: InkMeasures
    public let trimmedBox: PixelBox?
    public let brandColours: [String]
    /// Share of the visible (not faint) ink that sits on a faint backdrop; measured only when the
    /// faint share is over `invisibleShare`, else 0.
    public let visibleInkOnBackdrop: Double

    public init(_ canvas: PixelCanvas) {
        self.canvas = PixelSize(width: canvas.width, height: canvas.height)
        var ink = 0.0
        var faint = 0.0
        var minX = Int.max
        var minY = Int.max
        var maxX = -1
        var maxY = -1
        // 4096 bins, one per colour at 4 bits per channel (an array: a dictionary cost more than
        // the rest of the loop).
        var bins = [ColourBin](repeating: ColourBin(), count: 4096)
        canvas.pixels.withUnsafeBufferPointer { pixels in
            // A logo is long runs of one pixel value: whether it is faint and which colour it is
            // are worked out once per run (both depend on the pixel alone); every pixel is still
            // added, in order, so the sums are the same to the last bit. 0 has no ink: never a run.
            var runPixel: UInt32 = 0
            var runFaint = false
            var red = 0.0
            var green = 0.0
            var blue = 0.0
            var key = 0
            for y in 0..<canvas.height {
                let row = y * canvas.width
                for x in 0..<canvas.width {
                    let pixel = pixels[row + x]
                    let alphaByte = pixel >> 24
                    guard alphaByte > 0 else { continue }
                    let alpha = Double(alphaByte) / 255
                    ink += alpha
                    if x < minX { minX = x }
                    if x > maxX { maxX = x }
                    if y < minY { minY = y }
                    maxY = y
                    if pixel != runPixel {
                        runPixel = pixel
                        runFaint = Self.isFaintOnWhite(pixel)
                        if alphaByte >= 128 {
                            red = min(255, Double((pixel >> 16) & 0xFF) / alpha)
                            green = min(255, Double((pixel >> 8) & 0xFF) / alpha)
                            blue = min(255, Double(pixel & 0xFF) / alpha)
                            key = (Int(red) >> 4) << 8 | (Int(green) >> 4) << 4 | Int(blue) >> 4
                        }
                    }
                    if runFaint { faint += alpha }
                    if alphaByte >= 128 { bins[key].add(red: red, green: green, blue: blue, weight: alpha) }
                }
            }
        }
        let box = maxX >= 0 ? PixelBox(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1) : nil
        trimmedBox = box
        let fill = box.map { ink / Double($0.width * $0.height) } ?? 0
        let row = box.map { Self.shapesInARow(canvas, within: $0) } ?? 0
        measures = InkMeasures(ink: ink, faintOnWhiteShare: ink > 0 ? faint / ink : 0, fill: fill, shapesInARow: row)
        brandColours = Self.dominantColours(bins)
        visibleInkOnBackdrop = measures.faintOnWhiteShare > Self.invisibleShare ? Self.visibleInkOnBackdrop(canvas) : 0
    }

    /// The share of visible ink with opaque faint ink on both sides of it in its row and in its column.
    static func visibleInkOnBackdrop(_ canvas: PixelCanvas) -> Double {
        let width = canvas.width
        let height = canvas.height
        var rowFirst = [Int](repeating: Int.max, count: height)
        var rowLast = [Int](repeating: -1, count: height)
        var columnFirst = [Int](repeating: Int.max, count: width)
        var columnLast = [Int](repeating: -1, count: width)
        // Faintness once per run of one pixel value, as in `init`.
        var runPixel: UInt32 = 0
        var runFaint = isFaintOnWhite(0)
        var visible = 0.0
        var onBackdrop = 0.0
        canvas.pixels.withUnsafeBufferPointer { pixels in
            rowFirst.withUnsafeMutableBufferPointer { rowFirst in
                rowLast.withUnsafeMutableBufferPointer { rowLast in
                    columnFirst.withUnsafeMutableBufferPointer { columnFirst in
                        columnLast.withUnsafeMutableBufferPointer { columnLast in
                            for y in 0..<height {
                                let row = y * width
                                for x in 0..<width {
                                    let pixel = pixels[row + x]
                                    guard pixel >> 24 >= 128 else { continue }
                                    if pixel != runPixel {
                                        runPixel = pixel
                                        runFaint = isFaintOnWhite(pixel)
                                    }
                                    guard runFaint else { continue }
                                    if x < rowFirst[y] { rowFirst[y] = x }
                                    rowLast[y] = x
                                    if y < columnFirst[x] { columnFirst[x] = y }
                                    columnLast[x] = y
                                }
                            }
                            for y in 0..<height {
                                let row = y * width
                                let first = rowFirst[y]
                                let last = rowLast[y]
                                for x in 0..<width {
                                    let pixel = pixels[row + x]
                                    let alphaByte = pixel >> 24
                                    guard alphaByte > 0 else { continue }
                                    if pixel != runPixel {
                                        runPixel = pixel
                                        runFaint = isFaintOnWhite(pixel)
                                    }
                                    guard !runFaint else { continue }
                                    let alpha = Double(alphaByte) / 255
                                    visible += alpha
                                    if first < x && x < last && columnFirst[x] < y && y < columnLast[x] { onBackdrop += alpha }
                                }
                            }
                        }
                    }
                }
            }
        }
        return visible > 0 ? onBackdrop / visible : 0
    }

    public var isBlank: Bool { measures.ink < Self.blankInk }

    public var isInvisibleOnWhite: Bool {
        !isBlank && measures.faintOnWhiteShare > Self.invisibleShare && visibleInkOnBackdrop < Self.backdropShare
    }

    public var isMostlyMargin: Bool {
        guard let box = trimmedBox, !isBlank else { return false }
        return Double(box.width) < Self.marginShare * Double(canvas.width)
            && Double(box.height) < Self.marginShare * Double(canvas.height)
    }

    public var aspectRatio: Double? { trimmedBox.map { Double($0.width) / Double($0.height) } }

    public var kind: LogoKind? {
        guard !isBlank, let aspect = aspectRatio else { return nil }
        if aspect >= Self.wordmarkAspect || measures.shapesInARow >= Self.glyphRow { return .wordmark }
        if Self.iconAspect.contains(aspect) && measures.fill >= Self.iconFill { return .icon }
        return .symbol
    }

    public var theme: LogoTheme? {
        guard !isBlank else { return nil }
        return isInvisibleOnWhite ? .light : .dark
    }

    /// The findings these measures give (the rendering's own failures are added by the renderer).
    public var findings: [SVGFinding] {
        if isBlank {
            return [
                SVGFinding(
                    .blankRender, severity: .error, line: nil,
                    message:
                        "the logo renders as nothing visible (ink of \(Self.rounded(measures.ink)) px on a \(canvas.width)×\(canvas.height) canvas); "
                        + "check that its shapes have a fill or stroke and are inside the viewBox")
            ]
        }
        var findings: [SVGFinding] = []
        if isInvisibleOnWhite {
            findings.append(
                SVGFinding(
                    .invisibleOnWhite, severity: .warning, line: nil,
                    message: "\(Self.percent(measures.faintOnWhiteShare)) of the logo's ink is too light to see on white "
                        + "(contrast below \(Self.faintContrast):1); it is made for dark backgrounds: ask for the version used on light backgrounds"
                ))
        }
        if isMostlyMargin, let box = trimmedBox {
            findings.append(
                SVGFinding(
                    .mostlyMargin, severity: .warning, line: nil,
                    message: "the drawing fills only \(Self.percent(Double(box.width) / Double(canvas.width))) of the width and "
                        + "\(Self.percent(Double(box.height) / Double(canvas.height))) of the height; crop the viewBox to the drawing"))
        }
        return findings
    }

    /// Composited over white, is the pixel's contrast against white below `faintContrast`?
    /// Over white a premultiplied channel `c` becomes `c + 255 - alpha`, a whole byte, so the
    /// sRGB-to-linear step is a table lookup.
    static func isFaintOnWhite(_ pixel: UInt32) -> Bool {
        let gap = 255 - Int(pixel >> 24)
        func channel(_ shift: UInt32) -> Double { linearByte[min(255, Int((pixel >> shift) & 0xFF) + gap)] }
        let luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
        return 1.05 / (luminance + 0.05) < faintContrast
    }

    /// `linear(v / 255)` for every byte value.
    static let linearByte: [Double] = (0...255).map { linear(Double($0) / 255) }

    /// sRGB to linear light, as WCAG 2 defines relative luminance.
    static func linear(_ value: Double) -> Double {
        value <= 0.04045 ? value / 12.92 : Foundation.pow((value + 0.055) / 1.055, 2.4)
    }

    /// The most shapes (8-connected regions of pixels with alpha ≥ 50 %, ignoring specks under
    /// 0.1 % of the trimmed box) that one horizontal line crosses.
    ///
    /// Works on runs, not pixels: each row's runs of solid pixels are found with one pass, a run
    /// joins every run of the row above that it touches (overlaps, or meets at a corner: 8-connected),
    /// and the shapes are the classes of a union-find over runs. The same shapes a flood fill finds,
    /// for a fraction of the work on a canvas that is mostly long runs.
    static func shapesInARow(_ canvas: PixelCanvas, within box: PixelBox) -> Int {
        let width = box.width
        let height = box.height
        // Runs in row order: first and last column (in the box), row, and the union-find parent.
        var runStart: [Int32] = []
        var runEnd: [Int32] = []
        var runRow: [Int32] = []
        var parent: [Int32] = []
        var previousRow = 0..<0  // indices of the row above's runs
        canvas.pixels.withUnsafeBufferPointer { pixels in
            for y in 0..<height {
                let source = (box.y + y) * canvas.width + box.x
                let rowFirstRun = runStart.count
                var x = 0
                var above = previousRow.lowerBound
                while x < width {
                    while x < width && pixels[source + x] >> 24 < 128 { x += 1 }
                    guard x < width else { break }
                    let first = x
                    while x < width && pixels[source + x] >> 24 >= 128 { x += 1 }
                    let last = x - 1
                    let run = Int32(runStart.count)
                    runStart.append(Int32(first))
                    runEnd.append(Int32(last))
                    runRow.append(Int32(y))
                    parent.append(run)
                    // Runs above that end left of this run's reach cannot touch it or any later run.
                    while above < previousRow.upperBound && Int(runEnd[above]) < first - 1 { above += 1 }
                    var touching = above
                    while touching < previousRow.upperBound && Int(runStart[touching]) <= last + 1 {
                        Self.union(&parent, Int32(touching), run)
                        touching += 1
                    }
                }
                previousRow = rowFirstRun..<runStart.count
            }
        }
        // Each shape's area and the rows it spans, gathered at its root.
        let count = parent.count
        var area = [Int](repeating: 0, count: count)
        var top = [Int32](repeating: Int32.max, count: count)
        var bottom = [Int32](repeating: -1, count: count)
        for run in 0..<count {
            let root = Int(Self.find(&parent, Int32(run)))
            area[root] += Int(runEnd[run] - runStart[run]) + 1
            top[root] = min(top[root], runRow[run])
            bottom[root] = max(bottom[root], runRow[run])
        }
        let minimumArea = max(4, box.width * box.height / 1000)
        // Sweep: +1 where a shape starts, -1 after the row where it ends.
        var change = [Int](repeating: 0, count: height + 1)
        for run in 0..<count where parent[run] == Int32(run) && area[run] >= minimumArea {
            change[Int(top[run])] += 1
            change[Int(bottom[run]) + 1] -= 1
        }
        var crossing = 0
        var most = 0
        for y in 0..<height {
            crossing += change[y]
            most = max(most, crossing)
        }
        return most
    }

    /// The root of `run`'s class, halving the path on the way.
    static func find(_ parent: inout [Int32], _ run: Int32) -> Int32 {
        var run = run
        while parent[Int(run)] != run {
            parent[Int(run)] = parent[Int(parent[Int(run)])]
            run = parent[Int(run)]
        }
        return run
    }

    /// Joins two classes; the smaller index becomes the root, so roots never depend on order.
    static func union(_ parent: inout [Int32], _ a: Int32, _ b: Int32) {
        let rootA = find(&parent, a)
        let rootB = find(&parent, b)
        if rootA < rootB { parent[Int(rootB)] = rootA } else if rootB < rootA { parent[Int(rootA)] = rootB }
    }

    struct ColourBin {
        var red = 0.0
        var green = 0.0
        var blue = 0.0
        var weight = 0.0
        mutating func add(red: Double, green: Double, blue: Double, weight: Double) {
            self.red += red * weight
            self.green += green * weight
            self.blue += blue * weight
            self.weight += weight
        }
        var mean: (Double, Double, Double) { (red / weight, green / weight, blue / weight) }
    }

    static func dominantColours(_ all: [ColourBin]) -> [String] {
        var bins: [Int: ColourBin] = [:]
        for (key, bin) in all.enumerated() where bin.weight > 0 { bins[key] = bin }
        let total = bins.values.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return [] }
        var merged: [(colour: (Double, Double, Double), weight: Double)] = []
        // Heaviest first, ties by bin key so the answer never depends on dictionary order.
        for (_, bin) in bins.sorted(by: { $0.value.weight != $1.value.weight ? $0.value.weight > $1.value.weight : $0.key < $1.key }) {
            let colour = bin.mean
            if let near = merged.firstIndex(where: { distance($0.colour, colour) < colourDistance }) {
                // Shades of one colour add to its weight; the heavier colour stays the one shown.
                merged[near].weight += bin.weight
            } else {
                merged.append((colour, bin.weight))
            }
        }
        return
            merged
            .filter { $0.weight >= colourShare * total }
            .sorted { $0.weight > $1.weight }
            .prefix(3)
            .map { hex($0.colour) }
    }

    static func distance(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> Double {
        ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
    }

    static func hex(_ colour: (Double, Double, Double)) -> String {
        func byte(_ value: Double) -> String {
            let text = String(Int(max(0, min(255, value.rounded()))), radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "#" + byte(colour.0) + byte(colour.1) + byte(colour.2)
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    static func rounded(_ value: Double) -> String { String(Int(value.rounded())) }
}
