internal import CCurl
import Foundation
import Synchronization

/// One thread owns a `curl_multi` handle and drives every transfer. Other threads only append to
/// the queue and call `curl_multi_wakeup`, which curl documents as safe from any thread.
///
/// The thread starts with the first transfer and ends at `shutdown()`, which the client also calls
/// when it is released: transfers still queued or running then fail as cancelled, and the thread
/// frees the multi handle on its way out.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer

    private struct Shared {
        var queue: [CurlTransfer] = []
        var started = false
        var stopping = false
        /// The multi handle is freed (or about to be): nobody may wake it any more.
        var finished = false
        var threadID: pid_t?
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }
    private let shared = Mutex(Shared())
    /// Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init() {
        CurlGlobal.ensureInitialised()
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
    }

    /// Only reached when the thread never started (a running thread keeps the loop alive) or
    /// has ended (and freed the handle).
    deinit {
        let finished = shared.withLock { $0.finished }
        if !finished { curl_multi_cleanup(multi) }
    }

    /// The kernel's id of the loop thread while it runs.
    var threadID: pid_t? { shared.withLock { $0.threadID } }

    func submit(_ transfer: CurlTransfer) {
        enum Next { case start, wake, refuse }
        let next = shared.withLock { shared -> Next in
            guard !shared.stopping else { return .refuse }
            shared.queue.append(transfer)
            if shared.started { return .wake }
            shared.started = true
            return .start
        }
        switch next {
        case .refuse:
            transfer.fail(Self.shutDownError(transfer.url))
        case .start:
            let thread = Thread { [self] in self.run() }
            thread.name = "orgprofile-curl"
            thread.start()
        case .wake:
            wake()
        }
    }

    /// Makes the loop look at cancellation flags (and the stop request) now.
    func wake() {
        // Under the lock, so the handle cannot be freed between the check and the call.
        shared.withLock { shared in
            if !shared.finished { curl_multi_wakeup(multi) }
        }
    }

    /// Asks the loop to stop without waiting for it: every transfer queued or running fails as
    /// cancelled, and later submissions fail at once.
    func requestShutdown() {
        let freeHere = shared.withLock { shared -> Bool in
            shared.stopping = true
            guard !shared.finished else { return false }
            if shared.started {
                curl_multi_wakeup(multi)
                return false
            }
            shared.finished = true  // no thread ever ran: nothing else touches the handle
            return true
        }
        if freeHere { curl_multi_cleanup(multi) }
    }

    /// `requestShutdown()`, then waits until the loop thread has let go of everything.
    func shutdown() async {
        requestShutdown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = shared.withLock { shared -> Bool in
                if shared.finished { return true }
                shared.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    static func shutDownError(_ url: String) -> HTTPError {
        HTTPError(code: .cancelled, url: url, message: "cancelled: the HTTP client was shut down (a reload or the end of the run)")
    }

    private func run() {
        shared.withLock { $0.threadID = ccurl_thread_id() }
        while true {
            let (incoming, stopping) = shared.withLock { shared in
                defer { shared.queue.removeAll() }
                return (shared.queue, shared.stopping)
            }
            if stopping {
                stop(failing: incoming)
                return
            }
            for transfer in incoming {
                if transfer.cancelled.withLock({ $0 }) {
                    transfer.fail(HTTPError(code: .cancelled, url: transfer.url, message: "cancelled"))
                    continue
                }
                let added = curl_multi_add_handle(multi, transfer.handle)
                if added != CURLM_OK {
                    transfer.fail(
                        HTTPError(
                            code: .transport, url: transfer.url,
                            message: "libcurl could not start the transfer: \(String(cString: curl_multi_strerror(added)))"))
                    continue
                }
                active[transfer.handle] = transfer
            }
            for (handle, transfer) in active where transfer.cancelled.withLock({ $0 }) {
                curl_multi_remove_handle(multi, handle)
                active[handle] = nil
                transfer.fail(HTTPError(code: .cancelled, url: transfer.url, message: "cancelled"))
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var remaining: Int32 = 0
            while let message = curl_multi_info_read(multi, &remaining) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                let result = message.pointee.data.result
                curl_multi_remove_handle(multi, handle)
                if let transfer = active.removeValue(forKey: handle) {
                    transfer.finish(result)
                }
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
    }

    /// The loop's last act: fail what is left, free the multi handle, tell the waiters.
    private func stop(failing incoming: [CurlTransfer]) {
        for transfer in incoming { transfer.fail(Self.shutDownError(transfer.url)) }
        for (handle, transfer) in active {
            curl_multi_remove_handle(multi, handle)
            transfer.fail(Self.shutDownError(transfer.url))
        }
        active.removeAll()
        // `stopping` is set, so the queue stays empty; `finished` before the cleanup keeps
        // `wake()` off the handle.
        let waiters = shared.withLock { shared in
            shared.finished = true
            shared.threadID = nil
            defer { shared.stopWaiters.removeAll() }
            return shared.stopWaiters
        }
        curl_multi_cleanup(multi)
        for waiter in waiters { waiter.resume() }
    }
}

/// `curl_global_init` exactly once, before any handle exists.
enum CurlGlobal {
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    static func ensureInitialised() {
        precondition(initialised, "curl_global_init failed")
    }
}
