import Foundation
import SVGValidation
import TestSupport
import Testing

@testable import LogoRendering

/// The cheaper rendition pass: the renditions' PNGs hold exactly the pixels cairo's own writer
/// held, and a report discovery already made is reused only when it is a usable report of the
/// canvas this document gets, giving the very result a full render gives.
@Suite struct RenditionPassTests {
    /// The drawable logos of `Logos/` and the validator's accepted corpus (real agency logos).
    static func logos() throws -> [(name: String, bytes: [UInt8])] {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        var logos: [(String, [UInt8])] = []
        for folder in ["LogoRenderingTests/Logos", "SVGValidationTests/Corpus/accept"] {
            let directory = tests.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".svg") {
                logos.append((file, [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))))
            }
        }
        return logos
    }

    /// Drawn and encoded off the cooperative pool (a few seconds of blocking work), so that
    /// other tests' timers and I/O are not held up meanwhile.
    @Test func renditionsHoldTheSamePixelsAsCairosWriterAndAreNoLarger() async throws {
        let logos = try Self.logos()
        #expect(logos.count >= 20)
        let compared = await offTheCooperativePool { () -> (differing: [String], ours: Int, cairo: Int, palette: Int, rgba: Int) in
            var differing: [String] = []
            var ours = 0
            var cairo = 0
            var palette = 0
            var rgba = 0
            for (name, bytes) in logos {
                for (width, height) in [(64, 64), (256, 80), (300, 256)] {
                    guard let document = try? LibRSVGDocument(bytes),
                        let image = try? document.render(width: width, height: height, viewport: (0, 0, Double(width), Double(height))),
                        let png = try? image.png(), let reference = try? image.cairoPNG(),
                        let decoded = CairoImage.decodePNG(png), decoded == CairoImage.decodePNG(reference)
                    else {
                        differing.append("\(name) at \(width)×\(height)")
                        continue
                    }
                    ours += png.count
                    cairo += reference.count
                    switch PNGHeader(png)?.colourType {
                    case 3: palette += 1
                    case 6: rgba += 1
                    default: differing.append("\(name) at \(width)×\(height): neither palette nor RGBA")
                    }
                }
            }
            return (differing, ours, cairo, palette, rgba)
        }
        #expect(compared.differing.isEmpty, "not drawn, not readable, or other pixels than cairo's PNG: \(compared.differing)")
        // Both encodings are exercised: images of at most 256 colours get a palette, others RGBA.
        #expect(compared.palette > 0 && compared.rgba > 0, "palette \(compared.palette), RGBA \(compared.rgba)")
        print("renditions: \(compared.palette) with a palette, \(compared.rgba) RGBA; \(compared.ours) bytes, cairo's writer \(compared.cairo)")
        // Level 3 trades a little size for a third of the deflate work (`pngCompressionLevel`).
        #expect(
            Double(compared.ours) <= 1.15 * Double(compared.cairo),
            "renditions grew: \(compared.ours) bytes against cairo's \(compared.cairo)")
    }

    @Test func aReportDiscoveryMadeGivesTheSameResultAsAFullRender() async throws {
        let renderer = LogoRenderer()
        for (name, bytes) in try Self.logos() {
            let full = await renderer.render(bytes, renditionHeights: LogoRenderer.renditionHeights)
            let analysed = await renderer.render(bytes, renditionHeights: [])
            #expect(analysed.report == full.report, "\(name)")
            let reused = await renderer.render(bytes, renditionHeights: LogoRenderer.renditionHeights, analysed: analysed.report)
            let same = reused == full
            #expect(same, "\(name): reusing the report changed the result")
        }
    }

    @Test func aReportOfAnotherCanvasOrAFailedRenderIsNotTrusted() async throws {
        let renderer = LogoRenderer()
        let wordmark = try LogoRendererTests.logo("dark-wordmark.svg")
        let icon = try LogoRendererTests.logo("tile-icon.svg")
        let iconRender = await renderer.render(icon, renditionHeights: LogoRenderer.renditionHeights)
        let wordmarkReport = await renderer.render(wordmark, renditionHeights: []).report
        #expect(wordmarkReport.canvas != iconRender.report.canvas)
        #expect(await renderer.render(icon, renditionHeights: LogoRenderer.renditionHeights, analysed: wordmarkReport) == iconRender)

        let timedOut = RenderReport(findings: [SVGFinding(.renderTimeout, severity: .error, line: nil, message: "late")])
        #expect(await renderer.render(icon, renditionHeights: LogoRenderer.renditionHeights, analysed: timedOut) == iconRender)
    }
}
