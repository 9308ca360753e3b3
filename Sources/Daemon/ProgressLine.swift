import Foundation

/// The progress of a long `refresh` on a terminal: one line, redrawn in place
/// (`1432/8000 done, 41.2/s, ETA 2m39s, 3 failed`). Only made when stderr is a terminal and
/// the output is not `--json`; cleared before each result line so the two never mix.
public struct ProgressLine: Sendable {
    public let total: Int
    private var done = 0
    private var failed = 0
    private let started = ContinuousClock.now
    private var drawn = false
    /// Where the line goes (the terminal: stderr), unbuffered.
    private let write: @Sendable (String) -> Void

    public init(total: Int, write: @escaping @Sendable (String) -> Void = ProgressLine.standardError) {
        self.total = total
        self.write = write
    }

    public static let standardError: @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }

    /// One refresh ended: redraws the line (each result line cleared it).
    public mutating func count(failed isFailure: Bool) {
        done += 1
        if isFailure { failed += 1 }
        drawn = true
        write("\r\u{1B}[K" + text(elapsed: ContinuousClock.now - started))
    }

    public func text(elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let eta = rate > 0 ? Self.duration(Double(total - done) / rate) : "?"
        return "\(done)/\(total) done, \(String(format: "%.1f", rate))/s, ETA \(eta), \(failed) failed"
    }

    /// Removes the line (before a result line is printed, and at the end).
    public func clear() {
        if drawn { write("\r\u{1B}[K") }
    }

    /// `42s`, `2m39s`, `1h05m`.
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m\(String(format: "%02d", whole % 60))s" }
        return "\(whole / 3600)h\(String(format: "%02d", whole / 60 % 60))m"
    }
}
