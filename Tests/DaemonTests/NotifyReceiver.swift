import Foundation
import TestSupport

/// The manager's side of systemd's notify protocol, for tests: a datagram socket bound to a path
/// or an abstract name, collecting every message the daemon sends.
final class NotifyReceiver: @unchecked Sendable {
    /// What to put in `NOTIFY_SOCKET`: `/tmp/...` or `@name`.
    let address: String
    private let fd: Int32
    private let lock = NSLock()
    private var messages: [String] = []
    private var closed = false
    private var thread: Thread?

    init(abstract: Bool) throws {
        let name =
            abstract
            ? "@orgprofile-test-\(UUID().uuidString.prefix(12))"
            : Scratch.root + "/orgprofile-notify-\(UUID().uuidString.prefix(12))"
        address = name
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var bytes = Array(name.utf8)
        if abstract { bytes[0] = 0 }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + (abstract ? 0 : 1)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(length)) }
        }
        guard result == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let thread = Thread { [unowned self] in self.receive() }
        self.thread = thread
        thread.start()
    }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            lock.lock()
            let stop = closed
            lock.unlock()
            if stop { return }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                lock.lock()
                messages.append(text)
                lock.unlock()
            }
        }
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }

    /// Waits (bounded) until a message after index `from` satisfies `match`; returns its index.
    /// Sleeps with `Task.sleep`, never blocking one of the few cooperative threads other tests need.
    func wait(from: Int = 0, timeout: TimeInterval = 30, _ match: (String) -> Bool) async -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        func found() -> Int? {
            let current = all
            guard from < current.count else { return nil }
            return current[from...].firstIndex(where: match)
        }
        while Date() < deadline {
            if let index = found() { return index }
            try? await Task.sleep(for: .milliseconds(50))
        }
        // One last look: a sleep held up past the deadline (both cooperative threads busy with
        // CPU-bound tests) must not hide a message that arrived meanwhile.
        return found()
    }

    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        while thread?.isFinished == false { usleep(20_000) }
        Glibc.close(fd)
        if !address.hasPrefix("@") { unlink(address) }
    }
}

/// A running `orgprofile` process whose output is collected.
final class RunningBinary: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let lock = NSLock()
    private var collected = Data()
    private var collectedStdout = Data()
    private var endedPipes = 0

    init(_ arguments: [String], executable: String, environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NOTIFY_SOCKET"] = nil
        env["WATCHDOG_USEC"] = nil
        env["JOURNAL_STREAM"] = nil
        env["INVOCATION_ID"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            guard !data.isEmpty else { return self.ended(handle) }
            self.lock.lock()
            self.collected.append(data)
            self.lock.unlock()
        }
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            guard !data.isEmpty else { return self.ended(handle) }
            self.lock.lock()
            self.collectedStdout.append(data)
            self.lock.unlock()
        }
        try process.run()
    }

    /// End of file on one of the two pipes: everything the process wrote there has been read.
    private func ended(_ handle: FileHandle) {
        handle.readabilityHandler = nil
        lock.lock()
        endedPipes += 1
        lock.unlock()
    }

    private var bothPipesEnded: Bool {
        lock.lock()
        defer { lock.unlock() }
        return endedPipes >= 2
    }

    /// Standard error so far (the daemon's log).
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collected, as: UTF8.self)
    }

    var stdout: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: collectedStdout, as: UTF8.self)
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits (bounded) for the exit; kills the process when it does not come.
    func waitForExit(timeout: TimeInterval) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        // Let the readers take what is left in the pipes, up to their end.
        _ = await eventually(timeout: 10) { bothPipesEnded }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }

    /// SIGTERM and a bounded wait for the exit.
    func stop() async -> Int32? {
        signal(SIGTERM)
        return await waitForExit(timeout: 30)
    }

    /// For `defer` only (blocks): SIGTERM, then SIGKILL if it is still running after 30 s.
    func stopNow() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs the built binary to completion (bounded) without blocking a cooperative thread.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120) async throws
        -> (status: Int32?, stdout: String, stderr: String)
    {
        let binary = try RunningBinary(arguments, executable: BuiltBinary.path, environment: environment)
        let status = await binary.waitForExit(timeout: timeout)
        return (status, binary.stdout, binary.text)
    }
}

/// Polls `condition` until it holds or `timeout` passes, sleeping with `Task.sleep` so that a
/// waiting test never holds one of the cooperative threads the other tests run on.
func eventually(timeout: TimeInterval, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return condition()
}

func temporaryDirectory(_ label: String) -> String {
    let path = Scratch.root + "/orgprofile-\(label)-\(UUID().uuidString.prefix(8))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs blocking work (a pipe read, a process wait) on a thread of its own: not on one of the few
/// cooperative threads that every async test shares, nor on libdispatch's small global pool.
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}
