import CCurl
import Foundation
import Synchronization

/// One thread owns a `curl_multi` handle and drives every transfer. Other threads only append to
/// the queue and call `curl_multi_wakeup`, which curl documents as safe from any thread.
final class CurlMultiLoop: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let queue = Mutex<[CurlTransfer]>([])
    private let started = Mutex(false)
    private let thread = Mutex<pid_t?>(nil)
    /// The kernel's id of the loop thread, once it runs.
    var threadID: pid_t? { thread.withLock { $0 } }
    /// Loop thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    init() {
        CurlGlobal.ensureInitialised()
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
    }

    func submit(_ transfer: CurlTransfer) {
        queue.withLock { $0.append(transfer) }
        let mustStart = started.withLock { alreadyStarted in
            defer { alreadyStarted = true }
            return !alreadyStarted
        }
        if mustStart {
            let thread = Thread { [self] in self.run() }
            thread.name = "orgprofile-curl"
            thread.start()
        }
        curl_multi_wakeup(multi)
    }

    /// Makes the loop look at cancellation flags now.
    func wake() { curl_multi_wakeup(multi) }

    private func run() {
        thread.withLock { $0 = ccurl_thread_id() }
        while true {
            let incoming = queue.withLock { pending in
                defer { pending.removeAll() }
                return pending
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
