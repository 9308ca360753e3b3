import Dispatch
import Foundation
import LogoRendering
import Testing

/// librsvg draws text through pango, fontconfig and cairo's FreeType backend, and those share
/// state between threads (a glyph cache per font face). Refreshes render logos on several threads
/// at once (the render pool's, one per core, kept between logos); this asks for text-bearing logos
/// from many threads at the same time, in one process, so that a data race in that path, or state
/// a kept thread carries from one logo to the next, shows up here as a crash or a differing result,
/// not in `serve`.
@Suite struct ConcurrentRenderingTests {
    static func textLogo(_ index: Int) -> [UInt8] {
        let families = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "sans-serif", "serif", "monospace"]
        let family = families[index % families.count]
        let size = 18 + (index % 23)
        let weight = index % 2 == 0 ? "bold" : "normal"
        let style = index % 3 == 0 ? "italic" : "normal"
        return Array(
            """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" width="400" height="100">
              <text x="10" y="60" font-family="\(family)" font-size="\(size)" font-weight="\(weight)" \
            font-style="\(style)" fill="#1a3d7c">Kommune \(index) ÆØÅ æøå</text>
              <text x="10" y="90" font-family="\(families[(index + 1) % families.count])" font-size="\(size / 2 + 6)" \
            fill="#d52b1e">Direktoratet for \(index)</text>
            </svg>
            """.utf8)
    }

    @Test("Text logos drawn from eight threads at once: no crash, and each result equals a drawing of the same logo alone")
    func textLogosFromManyThreadsAtOnce() throws {
        // A time limit no loaded machine reaches: a render cut short would differ for that reason only.
        let renderer = LogoRenderer(
            limits: .init(analysisSide: 512, maxPixels: 8 << 20, maxRenditionHeight: 4096, timeLimit: .seconds(600), maxOverdueRenders: 64))
        let logos = (0..<24).map(Self.textLogo)
        // The same logo drawn alone, one after the other, is the reference.
        let alone = logos.map { renderer.renderBlocking($0, renditionHeights: [64]) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var mismatches: [String] = []
        }
        let results = Results()
        for _ in 0..<2 {
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for step in 0..<logos.count {
                    let index = (step + thread * 7) % logos.count
                    let result = renderer.renderBlocking(logos[index], renditionHeights: [64])
                    if result.report != alone[index].report || result.renditions.map(\.png) != alone[index].renditions.map(\.png) {
                        results.lock.lock()
                        results.mismatches.append("logo \(index) on thread \(thread)")
                        results.lock.unlock()
                    }
                }
            }
        }
        #expect(alone.allSatisfy { $0.report.trimmedBox != nil })
        #expect(results.mismatches.isEmpty, "\(results.mismatches.prefix(10))")
    }
}
