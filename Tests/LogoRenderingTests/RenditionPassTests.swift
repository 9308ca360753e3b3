import Foundation
import SVGValidation
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

    @Test func renditionsHoldTheSamePixelsAsCairosWriterAndAreNoLarger() throws {
        let logos = try Self.logos()
        #expect(logos.count >= 20)
        var ours = 0
        var cairo = 0
        for (name, bytes) in logos {
            let document = try LibRSVGDocument(bytes)
            for (width, height) in [(64, 64), (256, 80), (300, 256)] {
                let image = try document.render(
                    width: width, height: height, viewport: (0, 0, Double(width), Double(height)))
                let png = try image.png()
                let reference = try image.cairoPNG()
                let decoded = try #require(CairoImage.decodePNG(png), "\(name): not a PNG cairo can read")
                let samePixels = decoded == CairoImage.decodePNG(reference)
                #expect(samePixels, "\(name) at \(width)×\(height): the PNG's pixels differ from cairo's")
                ours += png.count
                cairo += reference.count
            }
        }
        #expect(ours <= cairo, "renditions grew: \(ours) bytes against cairo's \(cairo)")
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
