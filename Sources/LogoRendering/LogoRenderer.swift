import Dispatch
import Foundation
import SVGValidation
import Synchronization

/// Renders SVG logos with librsvg to learn what a person would see (`RenderReport`), and makes
/// PNG renditions of the trimmed logo. Give it only SVGs `SVGValidator` accepted: librsvg is a
/// drawing library, not a gatekeeper (it still loads nothing external here: no base file).
///
/// Time limit: librsvg cannot be cancelled, so renders run on threads of their own (`RenderPool`:
/// one per core, kept) and the caller gets `usability.render-timeout` when `Limits.timeLimit`
/// passes first, counted from when a thread starts the render. The late render runs to its end
/// and frees what it used; while `Limits.maxOverdueRenders` such renders are still running, new
/// renders are refused at once (same code), so hostile logos can hold at most that many cores. A
/// child process could be killed instead, but would cost a process start per logo and a second
/// binary to ship, for the rare logo the validator's element, depth and reference caps did not
/// already bound.
public struct LogoRenderer: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Longest side of the analysis canvas, in pixels.
        public var analysisSide: Int
        /// Largest canvas (width × height) any render may allocate: 8 Mpx, 32 MB.
        public var maxPixels: Int
        /// Tallest rendition that may be asked for.
        public var maxRenditionHeight: Int
        /// Wall-clock limit of one render (analysis and its renditions together).
        public var timeLimit: Duration
        /// Timed-out renders still running before new ones are refused.
        public var maxOverdueRenders: Int

        public static let `default` = Limits(
            analysisSide: 512, maxPixels: 8 << 20, maxRenditionHeight: 4096, timeLimit: .seconds(5), maxOverdueRenders: 2)

        public init(analysisSide: Int, maxPixels: Int, maxRenditionHeight: Int, timeLimit: Duration, maxOverdueRenders: Int) {
            self.analysisSide = analysisSide
            self.maxPixels = maxPixels
            self.maxRenditionHeight = maxRenditionHeight
            self.timeLimit = timeLimit
            self.maxOverdueRenders = maxOverdueRenders
        }
    }

    /// The heights of the renditions written beside each saved logo.
    public static let renditionHeights = [64, 256]

    public let limits: Limits

    public init(limits: Limits = .default) { self.limits = limits }

    /// What the logo looks like; blocks the calling thread until the render ends or times out.
    public func render(_ svg: [UInt8]) -> RenderReport { renderBlocking(svg, renditionHeights: []).report }

    /// The report and PNGs of the trimmed logo at each height (none when the report is not usable);
    /// blocks the calling thread until the render ends or times out.
    public func renderBlocking(_ svg: [UInt8], renditionHeights: [Int]) -> RenderResult {
        let answer = Mutex<RenderResult?>(nil)
        let done = DispatchSemaphore(value: 0)
        start(svg, renditionHeights: renditionHeights) { result in
            answer.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        return answer.withLock { $0! }
    }

    /// The same, suspending instead of blocking: the render never occupies a cooperative thread.
    /// `analysed` is this renderer's report of the same bytes made earlier (discovery draws the
    /// winning logo to choose between variants): when it is usable and its canvas is the one this
    /// document gets, the analysis canvas is not drawn and measured again (a third of the cost).
    public func render(_ svg: [UInt8], renditionHeights: [Int], analysed: RenderReport? = nil) async -> RenderResult {
        await withCheckedContinuation { continuation in
            start(svg, renditionHeights: renditionHeights, analysed: analysed) { continuation.resume(returning: $0) }
        }
    }

    /// Calls `deliver` exactly once: with the render's result, or with a timeout.
    private func start(
        _ svg: [UInt8], renditionHeights: [Int], analysed: RenderReport? = nil, deliver: @escaping @Sendable (RenderResult) -> Void
    ) {
        let limits = self.limits
        let overdue = RenderPool.shared.overdue
        if overdue >= limits.maxOverdueRenders {
            deliver(
                Self.failure(
                    .renderTimeout,
                    "not rendered: \(overdue) earlier logos ran past the \(Self.seconds(limits.timeLimit)) limit and are still being drawn; try again later"
                ))
            return
        }
        let timeout = Self.failure(
            .renderTimeout, "drawing the logo took longer than \(Self.seconds(limits.timeLimit)); simplify it (filters, blur, very many paths)")
        RenderPool.shared.submit(
            RenderPool.Job(
                limit: limits.timeLimit,
                work: { Self.draw(svg, limits: limits, renditionHeights: renditionHeights, analysed: analysed) },
                delivery: RenderPool.Delivery(timeout: timeout, deliver)))
    }

    /// The render itself, on the caller's thread: analysis canvas, measures (or `analysed`, when
    /// it is a usable report of this canvas), then renditions.
    static func draw(_ svg: [UInt8], limits: Limits, renditionHeights: [Int], analysed: RenderReport? = nil) -> RenderResult {
        do throws(RenderError) {
            let document = try LibRSVGDocument(svg)
            guard let size = document.intrinsicSize else {
                throw RenderError(message: "librsvg finds no size: give the root a viewBox or absolute width and height")
            }
            let canvas = analysisCanvas(width: size.width, height: size.height, side: limits.analysisSide)
            let report: RenderReport
            if let analysed, analysed.isUsable, analysed.canvas == canvas, analysed.trimmedBox != nil {
                report = analysed
            } else {
                let image = try document.render(
                    width: canvas.width, height: canvas.height, viewport: (0, 0, Double(canvas.width), Double(canvas.height)))
                let analysis = InkAnalysis(image.canvas)
                report = RenderReport(
                    findings: analysis.findings, canvas: analysis.canvas, trimmedBox: analysis.trimmedBox,
                    aspectRatio: analysis.aspectRatio, brandColours: analysis.brandColours, kind: analysis.kind, theme: analysis.theme,
                    measures: analysis.measures)
            }
            guard report.isUsable, let box = report.trimmedBox else { return RenderResult(report: report, renditions: []) }
            var renditions: [Rendition] = []
            for height in renditionHeights {
                guard (1...limits.maxRenditionHeight).contains(height) else {
                    throw RenderError(message: "a rendition must be 1 to \(limits.maxRenditionHeight) px high, not \(height)")
                }
                // The trimmed box, scaled to the rendition's height, fills the rendition exactly.
                let scale = Double(height) / Double(box.height)
                let width = max(1, Int((Double(box.width) * scale).rounded()))
                guard width <= limits.maxPixels / height else {
                    throw RenderError(
                        message: "a rendition \(height) px high would be \(width) px wide, over the \(limits.maxPixels)-pixel cap; "
                            + "the logo is too wide for its height")
                }
                let drawn = try document.render(
                    width: width, height: height,
                    viewport: (
                        -Double(box.x) * scale, -Double(box.y) * scale, Double(canvas.width) * scale, Double(canvas.height) * scale
                    ))
                renditions.append(Rendition(width: width, height: height, png: try drawn.png()))
            }
            return RenderResult(report: report, renditions: renditions)
        } catch {
            return failure(.renderFailed, "the logo could not be rendered: \(error.message)")
        }
    }

    /// The document's aspect ratio with the longer side `side` pixels (the shorter at least 1).
    static func analysisCanvas(width: Double, height: Double, side: Int) -> PixelSize {
        if width >= height {
            return PixelSize(width: side, height: max(1, Int((Double(side) * height / width).rounded())))
        }
        return PixelSize(width: max(1, Int((Double(side) * width / height).rounded())), height: side)
    }

    static func failure(_ code: SVGFinding.Code, _ message: String) -> RenderResult {
        RenderResult(report: RenderReport(findings: [SVGFinding(code, severity: .error, line: nil, message: message)]), renditions: [])
    }

    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
