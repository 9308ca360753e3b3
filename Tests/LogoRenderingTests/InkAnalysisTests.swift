import LogoRendering
import SVGValidation
import Testing

/// The measures on hand-made pixels, at the boundaries docs/logo-rendering.md states.
@Suite struct InkAnalysisTests {
    static let clear = PixelCanvas.filled(width: 100, height: 100, red: 0, green: 0, blue: 0, alpha: 0)

    @Test("Grey 211 (contrast 1.497:1 against white) is faint; grey 210 (1.512:1) is not")
    func faintContrastBoundary() {
        let box = PixelBox(x: 10, y: 10, width: 50, height: 50)
        let faint = InkAnalysis(Self.clear.painting(box, red: 211, green: 211, blue: 211))
        let visible = InkAnalysis(Self.clear.painting(box, red: 210, green: 210, blue: 210))
        #expect(faint.measures.faintOnWhiteShare == 1)
        #expect(faint.isInvisibleOnWhite)
        #expect(faint.theme == .light)
        #expect(faint.findings.map(\.code) == ["usability.invisible-on-white"])
        #expect(visible.measures.faintOnWhiteShare == 0)
        #expect(!visible.isInvisibleOnWhite)
        #expect(visible.theme == .dark)
        #expect(visible.findings.isEmpty)
    }

    @Test("Dark ink at low alpha is faint once drawn on white")
    func translucentDarkInkIsFaint() {
        let box = PixelBox(x: 0, y: 0, width: 40, height: 40)
        let analysis = InkAnalysis(Self.clear.painting(box, red: 0, green: 0, blue: 0, alpha: 40))
        #expect(analysis.isInvisibleOnWhite)
    }

    @Test("Invisible on white needs more than half the ink faint: 50 % is not, 52 % is")
    func invisibleShareBoundary() {
        // Two areas of equal ink, one white, one black.
        let half = Self.clear.painting(PixelBox(x: 0, y: 0, width: 50, height: 20), red: 255, green: 255, blue: 255)
            .painting(PixelBox(x: 50, y: 0, width: 50, height: 20), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(half).measures.faintOnWhiteShare == 0.5)
        #expect(!InkAnalysis(half).isInvisibleOnWhite)
        let more = Self.clear.painting(PixelBox(x: 0, y: 0, width: 52, height: 20), red: 255, green: 255, blue: 255)
            .painting(PixelBox(x: 52, y: 0, width: 48, height: 20), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(more).isInvisibleOnWhite)
    }

    @Test("Dark marks on a white tile are visible: the tile is a backdrop, not faint ink")
    func darkMarksOnAWhiteTile() {
        // A white 80×60 tile with a black 20×10 bar inside: 96 % of the ink is faint, all of the
        // visible ink sits on the tile.
        let tile = Self.clear.painting(PixelBox(x: 10, y: 10, width: 80, height: 60), red: 255, green: 255, blue: 255)
            .painting(PixelBox(x: 40, y: 35, width: 20, height: 10), red: 0, green: 0, blue: 0)
        let analysis = InkAnalysis(tile)
        #expect(analysis.measures.faintOnWhiteShare > 0.9)
        #expect(analysis.visibleInkOnBackdrop == 1)
        #expect(!analysis.isInvisibleOnWhite)
        #expect(analysis.theme == .dark)
        // The same bar beside the white area, not on it: the white is no backdrop.
        let beside = Self.clear.painting(PixelBox(x: 0, y: 10, width: 70, height: 60), red: 255, green: 255, blue: 255)
            .painting(PixelBox(x: 75, y: 35, width: 20, height: 10), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(beside).visibleInkOnBackdrop == 0)
        #expect(InkAnalysis(beside).isInvisibleOnWhite)
        // Marks touching the tile's edge row or column are not enclosed by it.
        let onEdge = Self.clear.painting(PixelBox(x: 10, y: 10, width: 80, height: 60), red: 255, green: 255, blue: 255)
            .painting(PixelBox(x: 10, y: 35, width: 20, height: 10), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(onEdge).visibleInkOnBackdrop == 0)
        #expect(InkAnalysis(onEdge).isInvisibleOnWhite)
    }

    @Test("Blank below 16 px of opaque ink: 15 is blank, 16 is not")
    func blankBoundary() {
        let fifteen = Self.clear.painting(PixelBox(x: 3, y: 3, width: 15, height: 1), red: 0, green: 0, blue: 0)
        let sixteen = Self.clear.painting(PixelBox(x: 3, y: 3, width: 4, height: 4), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(fifteen).isBlank)
        #expect(InkAnalysis(fifteen).findings.map(\.code) == ["usability.blank-render"])
        #expect(InkAnalysis(fifteen).findings.first?.severity == .error)
        #expect(InkAnalysis(fifteen).kind == nil && InkAnalysis(fifteen).theme == nil)
        #expect(!InkAnalysis(sixteen).isBlank)
        #expect(InkAnalysis(Self.clear).trimmedBox == nil)
        #expect(InkAnalysis(Self.clear).isBlank)
    }

    @Test("Mostly margin: under 25 % in both directions; 25 % wide is not, nor narrow but tall")
    func marginBoundary() {
        let small = InkAnalysis(Self.clear.painting(PixelBox(x: 40, y: 40, width: 24, height: 24), red: 0, green: 0, blue: 0))
        #expect(small.isMostlyMargin)
        #expect(small.findings.map(\.code) == ["usability.mostly-margin"])
        #expect(small.trimmedBox == PixelBox(x: 40, y: 40, width: 24, height: 24))
        let quarterWide = InkAnalysis(Self.clear.painting(PixelBox(x: 40, y: 40, width: 25, height: 10), red: 0, green: 0, blue: 0))
        #expect(!quarterWide.isMostlyMargin)
        let tall = InkAnalysis(Self.clear.painting(PixelBox(x: 40, y: 0, width: 10, height: 90), red: 0, green: 0, blue: 0))
        #expect(!tall.isMostlyMargin)
    }

    @Test("Kind: wide is a wordmark; four shapes across one line are a wordmark, three are not")
    func kindFromShapes() {
        let wide = InkAnalysis(Self.clear.painting(PixelBox(x: 0, y: 40, width: 100, height: 20), red: 0, green: 0, blue: 0))
        #expect(wide.kind == .wordmark)
        #expect(wide.aspectRatio == 5)

        // A near-square box: a big block on top, a row of small blocks below.
        func stacked(_ count: Int) -> PixelCanvas {
            var canvas = Self.clear.painting(PixelBox(x: 10, y: 10, width: 80, height: 30), red: 0, green: 0, blue: 0)
            for index in 0..<count {
                canvas = canvas.painting(PixelBox(x: 10 + index * 20, y: 70, width: 12, height: 20), red: 0, green: 0, blue: 0)
            }
            return canvas
        }
        #expect(InkAnalysis(stacked(4)).measures.shapesInARow == 4)
        #expect(InkAnalysis(stacked(4)).kind == .wordmark)
        #expect(InkAnalysis(stacked(3)).measures.shapesInARow == 3)
        #expect(InkAnalysis(stacked(3)).kind == .symbol)
    }

    @Test("Kind: a filled near-square is an icon; the same square with little fill is a symbol")
    func iconNeedsFill() {
        let tile = InkAnalysis(Self.clear.painting(PixelBox(x: 10, y: 10, width: 80, height: 80), red: 0, green: 98, blue: 186))
        #expect(tile.kind == .icon)
        #expect(tile.measures.fill == 1)
        let frame = Self.clear
            .painting(PixelBox(x: 10, y: 10, width: 80, height: 8), red: 0, green: 0, blue: 0)
            .painting(PixelBox(x: 10, y: 82, width: 80, height: 8), red: 0, green: 0, blue: 0)
            .painting(PixelBox(x: 10, y: 10, width: 8, height: 80), red: 0, green: 0, blue: 0)
            .painting(PixelBox(x: 82, y: 10, width: 8, height: 80), red: 0, green: 0, blue: 0)
        #expect(InkAnalysis(frame).kind == .symbol)
    }

    @Test("Brand colours: heaviest first, near shades merged, under 5 % dropped, at most three")
    func brandColours() {
        let canvas = Self.clear
            .painting(PixelBox(x: 0, y: 0, width: 100, height: 50), red: 0xd5, green: 0x2b, blue: 0x1e)
            .painting(PixelBox(x: 0, y: 50, width: 100, height: 10), red: 0xd0, green: 0x30, blue: 0x20)  // a shade of the red
            .painting(PixelBox(x: 0, y: 60, width: 100, height: 25), red: 0x1a, green: 0x3d, blue: 0x7c)
            .painting(PixelBox(x: 0, y: 85, width: 100, height: 11), red: 0xff, green: 0xcc, blue: 0x00)
            .painting(PixelBox(x: 0, y: 96, width: 100, height: 4), red: 0x00, green: 0x80, blue: 0x00)  // 4 %: dropped
        #expect(InkAnalysis(canvas).brandColours == ["#d52b1e", "#1a3d7c", "#ffcc00"])
    }
}
