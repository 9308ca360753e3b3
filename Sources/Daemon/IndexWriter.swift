import Foundation
import Logging
import Profiles
import ServiceLifecycle

/// Keeps `<cache-dir>/index.json` current: written at start, then after refreshes end: when none
/// is in flight any more (the end of a batch), and at least every `busyInterval` while they go
/// on. Once more at shutdown. Shares the in-memory index with the HTTP surface.
struct IndexWriter: Service {
    let core: DaemonCore
    let index: ProfileIndex
    let store: ProfileStore
    let logger: Logger
    /// Longest wait for a quiet moment while refreshes keep finishing.
    var busyInterval: Duration = .seconds(30)
    /// How long finished refreshes are gathered before the next look.
    var gather: Duration = .seconds(1)

    func run() async throws {
        let clock = core.clock
        var written: String? = await write(previous: nil)
        var dirtySince: Date?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let timeout: Duration = dirtySince == nil ? .seconds(60) : gather
            let reason = await cancelWhenGracefulShutdown { await core.indexSignal.wait(timeout: timeout, clock: clock) }
            if reason == .signalled && dirtySince == nil { dirtySince = clock.now }
            guard let since = dirtySince else { continue }
            let quiet = await core.inFlightCount == 0
            let waited = clock.now.timeIntervalSince(since) >= Double(busyInterval.components.seconds)
            if quiet || waited {
                dirtySince = nil
                written = await write(previous: written)
            }
        }
        if dirtySince != nil { _ = await write(previous: written) }
    }

    private func write(previous: String?) async -> String? {
        do {
            return try await store.writeIndex(from: index, unlessSHA256: previous)
        } catch {
            logger.error("index.json not written: \(error)")
            return previous
        }
    }
}
