import Foundation
import LogoRendering
import FileIO

// render-bench ROUNDS OUTDIR FILE...
// Times ROUNDS rounds of, per file: LogoRenderer drawing the analysis canvas, measuring it and
// drawing the 64 and 256 px renditions (PNG-encoded by libpng), then writing both PNGs the way
// ProfileStore does (AtomicFile: temporary file, fsync, rename, fsync the directory). Also the
// same without writing, and the analysis alone. Prints the median per logo; scripts/bench-render puts rsvg-convert beside it.
let arguments = CommandLine.arguments.dropFirst()
guard let rounds = arguments.first.flatMap(Int.init), rounds > 0, arguments.count > 2 else {
    FileHandle.standardError.write(Data("usage: render-bench ROUNDS OUTDIR FILE...\n".utf8))
    exit(2)
}
let output = arguments.dropFirst().first!
let paths = Array(arguments.dropFirst(2))
let inputs = paths.map { [UInt8](FileManager.default.contents(atPath: $0) ?? Data()) }
// RENDER_TIME_LIMIT (seconds) raises the renderer's time limit, for runs under valgrind: a render
// cut short there would measure the refusal, not the drawing.
let renderer = LogoRenderer(
    limits: ProcessInfo.processInfo.environment["RENDER_TIME_LIMIT"].flatMap(Double.init).map {
        var limits = LogoRenderer.Limits.default
        limits.timeLimit = .milliseconds(Int($0 * 1000))
        return limits
    } ?? .default)

func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var full: [Double] = []
var inMemory: [Double] = []
var analysis: [Double] = []
var unusable = 0
var bytesWritten = 0
for round in 0..<rounds {
    var start = now()
    for (index, bytes) in inputs.enumerated() {
        let result = renderer.renderBlocking(bytes, renditionHeights: LogoRenderer.renditionHeights)
        if round == 0 && !result.report.isUsable { unusable += 1 }
        for rendition in result.renditions {
            let data = Data(rendition.png)
            if round == 0 { bytesWritten += data.count }
            try AtomicFile.write(data, to: "\(output)/\(index)-h\(rendition.height).png")
        }
    }
    full.append((now() - start) / Double(inputs.count))

    start = now()
    for bytes in inputs { _ = renderer.renderBlocking(bytes, renditionHeights: LogoRenderer.renditionHeights) }
    inMemory.append((now() - start) / Double(inputs.count))

    start = now()
    for bytes in inputs { _ = renderer.render(bytes) }
    analysis.append((now() - start) / Double(inputs.count))
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
print("files: \(inputs.count) (\(unusable) not usable), rounds: \(rounds), PNG bytes per round: \(bytesWritten)")
print(String(format: "analysis only (median per logo): %.3f ms", median(analysis) * 1000))
print(String(format: "analysis + renditions 64/256 as PNG in memory (median per logo): %.3f ms", median(inMemory) * 1000))
print(String(format: "analysis + renditions 64/256 + atomic writes (median per logo): %.3f ms", median(full) * 1000))
print(String(format: "render_ms_per_logo=%.4f", median(full) * 1000))
