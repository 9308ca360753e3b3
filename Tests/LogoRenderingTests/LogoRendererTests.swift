import Foundation
import LogoRendering
import SVGValidation
import TestSupport
import Testing

/// librsvg for real, on the logos in `Logos/` (written for these tests) and the validator's
/// accepted corpus (`Tests/SVGValidationTests/Corpus/accept`, real agency logos).
@Suite struct LogoRendererTests {
    static func logo(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Logos/\(name)", withExtension: nil))
        return [UInt8](try Data(contentsOf: url))
    }

    let renderer = LogoRenderer()

    @Test("White marks on transparent: accepted by the validator, invisible on white, theme light")
    func whiteOnTransparent() throws {
        let bytes = try Self.logo("white-on-transparent.svg")
        #expect(SVGValidator().validate(bytes).verdict == .accepted)
        let report = renderer.render(bytes)
        #expect(report.codes == ["usability.invisible-on-white"])
        #expect(report.findings.first?.severity == .warning)
        #expect(report.theme == .light)
        #expect(report.isUsable)
        #expect(report.brandColours == ["#ffffff"])
    }

    @Test("A dark wordmark: no findings, kind wordmark, theme dark, its two colours, a tight box")
    func darkWordmark() throws {
        let report = renderer.render(try Self.logo("dark-wordmark.svg"))
        #expect(report.findings.isEmpty)
        #expect(report.kind == .wordmark)
        #expect(report.theme == .dark)
        #expect(report.brandColours == ["#1a3d7c", "#d52b1e"])
        #expect(report.canvas == PixelSize(width: 512, height: 128))
        // viewBox 400×100 drawn at 512×128: the drawing spans x 10...390, y 20...80 (scale 1.28).
        let box = try #require(report.trimmedBox)
        #expect(abs(box.x - 13) <= 1 && abs(box.width - 486) <= 2)
        #expect(abs(box.y - 26) <= 1 && abs(box.height - 77) <= 2)
        #expect(abs((report.aspectRatio ?? 0) - 380.0 / 60) < 0.1)
    }

    @Test("Nothing painted: blank-render is an error, for an accepted file and for an empty group")
    func blank() throws {
        let unpainted = try Self.logo("blank-transparent.svg")
        #expect(SVGValidator().validate(unpainted).verdict == .accepted)
        for bytes in [unpainted, try Self.logo("empty-group.svg")] {
            let report = renderer.render(bytes)
            #expect(report.codes == ["usability.blank-render"])
            #expect(!report.isUsable)
            #expect(report.trimmedBox == nil && report.kind == nil && report.theme == nil)
        }
    }

    @Test("A small mark in a large canvas is mostly margin")
    func mostlyMargin() throws {
        let report = renderer.render(try Self.logo("mostly-margin.svg"))
        #expect(report.codes == ["usability.mostly-margin"])
        #expect(report.isUsable)
        #expect(report.brandColours == ["#006633"])
    }

    @Test("Kinds: a ring is a symbol, a filled tile an icon, a symbol over a line of text a wordmark")
    func kinds() throws {
        #expect(renderer.render(try Self.logo("ring-symbol.svg")).kind == .symbol)
        #expect(renderer.render(try Self.logo("tile-icon.svg")).kind == .icon)
        let stacked = renderer.render(try Self.logo("stacked-text.svg"))
        #expect(stacked.kind == .wordmark, "shapes in a row: \(stacked.measures?.shapesInARow ?? -1)")
    }

    @Test("Renditions are PNGs (palette or RGBA) of the trimmed logo at the asked heights")
    func renditions() throws {
        let result = renderer.renderBlocking(try Self.logo("dark-wordmark.svg"), renditionHeights: [64, 256])
        #expect(result.renditions.map(\.height) == [64, 256])
        for rendition in result.renditions {
            let header = try #require(PNGHeader(rendition.png), "not a PNG")
            #expect(header.height == rendition.height)
            #expect(header.width == rendition.width)
            // 3: a palette (at most 256 colours), 6: RGBA; both 8 bits.
            #expect([3, 6].contains(header.colourType))
            // The trimmed drawing is 380×60 user units.
            #expect(abs(Double(header.width) / Double(header.height) - 380.0 / 60) < 0.1)
        }
    }

    @Test("Renditions are of the trimmed drawing, not the whole canvas")
    func renditionIsTrimmed() async throws {
        // viewBox 400×100; the drawing spans x 10...230, y 20...80: 220×60, not 4:1.
        let result = await renderer.render(try Self.logo("white-on-transparent.svg"), renditionHeights: [64])
        let png = try #require(result.renditions.first)
        // The box is found on the 512 px analysis canvas, whole pixels outward: within 4 %, and
        // clearly not the untrimmed 4:1 (256 px).
        let expected = 64 * 220.0 / 60
        let error = abs(Double(png.width) / expected - 1)
        #expect(error < 0.04, "width \(png.width), expected about \(expected)")
        #expect(PNGHeader(png.png)?.width == png.width)
    }

    @Test("Not a usable logo: no renditions, a render-failed error")
    func unreadable() {
        let result = renderer.renderBlocking(Array("<svg xmlns='http://www.w3.org/2000/svg'><rect".utf8), renditionHeights: [64])
        #expect(result.report.codes == ["usability.render-failed"])
        #expect(result.renditions.isEmpty)
        #expect(result.report.findings.first?.message.contains("could not be rendered") == true)
    }

    @Test("Rendition heights outside 1...4096 are refused with a reason")
    func heightLimit() throws {
        let result = renderer.renderBlocking(try Self.logo("dark-wordmark.svg"), renditionHeights: [5000])
        #expect(result.report.codes == ["usability.render-failed"])
        #expect(result.report.findings.first?.message.contains("4096") == true)
    }

    @Test("Out of time: render-timeout; with no room for late renders, refused at once")
    func timeLimit() throws {
        let bytes = try Self.logo("dark-wordmark.svg")
        var limits = LogoRenderer.Limits.default
        limits.maxOverdueRenders = 0
        let refused = LogoRenderer(limits: limits).render(bytes)
        #expect(refused.codes == ["usability.render-timeout"])
        #expect(refused.findings.first?.message.contains("still being drawn") == true)

        // A zero limit: the deadline is due before the thread can have loaded the file.
        limits = .default
        limits.timeLimit = .zero
        limits.maxOverdueRenders = 1000
        // A 2048×2048 rendition takes far longer than the deadline's timer needs to fire (and the
        // late render keeps a core busy after the test: one is enough).
        let late = LogoRenderer(limits: limits).renderBlocking(try Self.logo("tile-icon.svg"), renditionHeights: [2048])
        #expect(late.report.codes == ["usability.render-timeout"])
        #expect(late.renditions.isEmpty)
    }

    @Test("Every logo of the accepted corpus renders, with a kind and a theme")
    func acceptedCorpus() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SVGValidationTests/Corpus/accept")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(files.count >= 16)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let report = await renderer.render(bytes, renditionHeights: []).report
            #expect(report.isUsable, "\(file): \(report.findings.map(\.message))")
            #expect(report.kind != nil && report.theme != nil, "\(file)")
            #expect(!report.brandColours.isEmpty, "\(file)")
        }
    }
}
