import LogoRendering
import TestSupport
import Testing

/// `InkAnalysis` counts shapes over runs of pixels and finds the backdrop in two passes with
/// cached faintness; here both are checked against the plainest reading of their definitions
/// (docs/logo-rendering.md), pixel by pixel, on seeded random canvases made to be hard for them:
/// shapes that touch only at a corner, runs that end at the canvas edge, alpha at the 50 % line,
/// faint and visible ink side by side. The work runs off the cooperative pool (a second or two in a
/// debug build), so other tests' timers are not held up meanwhile.
@Suite struct InkAnalysisReferenceTests {
    /// Transparent, alpha just under and at 50 %, white, faint grey, dark grey, a brand blue.
    static let palette: [UInt32] = [
        0,
        PixelCanvas.premultiplied(red: 0, green: 0, blue: 0, alpha: 127),
        PixelCanvas.premultiplied(red: 0, green: 0, blue: 0, alpha: 128),
        PixelCanvas.premultiplied(red: 255, green: 255, blue: 255, alpha: 255),
        PixelCanvas.premultiplied(red: 230, green: 230, blue: 230, alpha: 255),
        PixelCanvas.premultiplied(red: 40, green: 40, blue: 40, alpha: 255),
        PixelCanvas.premultiplied(red: 11, green: 83, blue: 148, alpha: 200),
    ]

    /// A canvas of horizontal runs of palette colours, sparse or dense, with a white tile now and then.
    static func canvas(_ random: inout SplitMix64) -> PixelCanvas {
        let width = 1 + random.below(70)
        let height = 1 + random.below(50)
        let density = 1 + random.below(6)
        var pixels = [UInt32](repeating: 0, count: width * height)
        var index = 0
        while index < pixels.count {
            let run = 1 + random.below(12)
            let value = random.below(6) < density ? palette[1 + random.below(palette.count - 1)] : 0
            for offset in index..<min(pixels.count, index + run) { pixels[offset] = value }
            index += run
        }
        var canvas = PixelCanvas(width: width, height: height, pixels: pixels)
        if random.below(3) == 0 {
            let box = PixelBox(x: random.below(width), y: random.below(height), width: 1 + random.below(width), height: 1 + random.below(height))
            canvas = canvas.painting(box, red: 255, green: 255, blue: 255)
                .painting(
                    PixelBox(x: box.x + 1 + random.below(3), y: box.y + 1 + random.below(3), width: 1 + random.below(6), height: 1 + random.below(4)),
                    red: 40, green: 40, blue: 40)
        }
        return canvas
    }

    /// Shapes in a row, by the definition: 8-connected regions of pixels with alpha ≥ 128 inside
    /// the trimmed box, flood-filled pixel by pixel; regions under max(4, box area / 1000) pixels
    /// ignored; the most regions one row crosses.
    static func referenceShapesInARow(_ canvas: PixelCanvas) -> Int {
        var minX = Int.max, minY = Int.max, maxX = -1, maxY = -1
        for y in 0..<canvas.height {
            for x in 0..<canvas.width where canvas.pixels[y * canvas.width + x] >> 24 > 0 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= 0 else { return 0 }
        let width = maxX - minX + 1
        let height = maxY - minY + 1
        func solid(_ x: Int, _ y: Int) -> Bool { canvas.pixels[(minY + y) * canvas.width + minX + x] >> 24 >= 128 }
        var seen = Set<Int>()
        var rowsOfShapes: [ClosedRange<Int>] = []
        for start in 0..<(width * height) where solid(start % width, start / width) && !seen.contains(start) {
            var stack = [start]
            seen.insert(start)
            var area = 0
            var top = Int.max
            var bottom = -1
            while let index = stack.popLast() {
                area += 1
                let x = index % width
                let y = index / width
                top = min(top, y)
                bottom = max(bottom, y)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx
                        let ny = y + dy
                        guard (0..<width).contains(nx), (0..<height).contains(ny), solid(nx, ny) else { continue }
                        if seen.insert(ny * width + nx).inserted { stack.append(ny * width + nx) }
                    }
                }
            }
            if area >= max(4, width * height / 1000) { rowsOfShapes.append(top...bottom) }
        }
        return (0..<height).map { row in rowsOfShapes.filter { $0.contains(row) }.count }.max() ?? 0
    }

    /// The share of visible ink (alpha > 0, not faint on white) that has opaque (alpha ≥ 128) faint
    /// ink both left and right of it in its row and both above and below it in its column.
    static func referenceVisibleInkOnBackdrop(_ canvas: PixelCanvas) -> Double {
        // Faint on white, asked of the analysis for a canvas of that one pixel, once per value.
        var faintValues: [UInt32: Bool] = [:]
        func faint(_ value: UInt32) -> Bool {
            if let known = faintValues[value] { return known }
            let answer = InkAnalysis(PixelCanvas(width: 1, height: 1, pixels: [value])).measures.faintOnWhiteShare > 0.5
            faintValues[value] = answer
            return answer
        }
        let width = canvas.width
        let opaqueFaint = canvas.pixels.map { $0 >> 24 >= 128 && faint($0) }
        var visible = 0.0
        var onBackdrop = 0.0
        for y in 0..<canvas.height {
            for x in 0..<width {
                let value = canvas.pixels[y * width + x]
                guard value >> 24 > 0, !faint(value) else { continue }
                let alpha = Double(value >> 24) / 255
                visible += alpha
                let left = (0..<x).contains { opaqueFaint[y * width + $0] }
                let right = (x + 1..<width).contains { opaqueFaint[y * width + $0] }
                let above = (0..<y).contains { opaqueFaint[$0 * width + x] }
                let below = (y + 1..<canvas.height).contains { opaqueFaint[$0 * width + x] }
                if left && right && above && below { onBackdrop += alpha }
            }
        }
        return visible > 0 ? onBackdrop / visible : 0
    }

    @Test("Shapes in a row equal a pixel-by-pixel flood fill on 400 seeded canvases")
    func shapesMatchTheFloodFill() async {
        let (differing, withShapes) = await offTheCooperativePool { () -> ([String], Int) in
            var random = SplitMix64(seed: 20_261_203)
            var differing: [String] = []
            var withShapes = 0
            for sample in 0..<400 {
                let canvas = Self.canvas(&random)
                let expected = Self.referenceShapesInARow(canvas)
                if expected > 1 { withShapes += 1 }
                let measured = InkAnalysis(canvas).measures.shapesInARow
                if measured != expected {
                    differing.append("canvas \(sample) (\(canvas.width)×\(canvas.height)): \(measured), flood fill \(expected)")
                }
            }
            return (differing, withShapes)
        }
        #expect(differing.isEmpty, "\(differing.count) canvases differ: \(differing.prefix(5))")
        // The canvases must exercise the count, not only give 0 or 1.
        #expect(withShapes > 100, "only \(withShapes) canvases had two or more shapes in a row")
    }

    @Test("Shapes touching only at a corner are one shape; one pixel apart they are two")
    func cornerContact() {
        let dark = PixelCanvas.premultiplied(red: 0, green: 0, blue: 0, alpha: 255)
        let blank = PixelCanvas.filled(width: 20, height: 4, red: 0, green: 0, blue: 0, alpha: 0)
        // Two 2×2 squares meeting at a corner, then two 2×2 squares a column apart, on other rows.
        var pixels = blank.pixels
        for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1), (2, 2), (3, 2), (2, 3), (3, 3)] { pixels[y * 20 + x] = dark }
        for (x, y) in [(10, 0), (11, 0), (10, 1), (11, 1), (13, 0), (14, 0), (13, 1), (14, 1)] { pixels[y * 20 + x] = dark }
        let canvas = PixelCanvas(width: 20, height: 4, pixels: pixels)
        #expect(Self.referenceShapesInARow(canvas) == 3)
        #expect(InkAnalysis(canvas).measures.shapesInARow == 3)
    }

    @Test("The backdrop share equals its definition read pixel by pixel on the mostly faint of 300 seeded canvases")
    func backdropMatchesTheDefinition() async {
        let (differing, onSomeBackdrop) = await offTheCooperativePool { () -> ([String], Int) in
            var random = SplitMix64(seed: 31_122_026)
            var differing: [String] = []
            var onSomeBackdrop = 0
            for sample in 0..<300 {
                let canvas = Self.canvas(&random)
                let analysis = InkAnalysis(canvas)
                // Measured only when most ink is faint (else it is 0 and not asked for).
                guard analysis.measures.faintOnWhiteShare > InkAnalysis.invisibleShare else {
                    if analysis.visibleInkOnBackdrop != 0 { differing.append("canvas \(sample): measured although mostly not faint") }
                    continue
                }
                let expected = Self.referenceVisibleInkOnBackdrop(canvas)
                if expected > 0 { onSomeBackdrop += 1 }
                if abs(analysis.visibleInkOnBackdrop - expected) > 1e-12 {
                    differing.append("canvas \(sample): \(analysis.visibleInkOnBackdrop), definition \(expected)")
                }
            }
            return (differing, onSomeBackdrop)
        }
        #expect(differing.isEmpty, "\(differing.count) canvases differ: \(differing.prefix(5))")
        #expect(onSomeBackdrop > 10, "only \(onSomeBackdrop) canvases had visible ink on a backdrop")
    }
}
