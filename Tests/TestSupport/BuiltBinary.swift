import Foundation

/// Runs the `orgprofile` executable that `swift build`/`swift test` put beside the test bundle.
public enum BuiltBinary {
    public static var path: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("orgprofile").path,
            TestWeb.repositoryRoot.appendingPathComponent(".build/debug/orgprofile").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs the binary to completion with a bound on its run time. Waits without holding a thread
    /// of the cooperative pool (the machine has two), so concurrent async tests are not starved.
    public static func run(
        _ arguments: [String], executable: String? = nil, environment: [String: String] = [:],
        timeoutSeconds: Double = 120
    ) async throws -> Result {
        let (process, collected) = try start(arguments, executable: executable, environment: environment)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutSeconds * 1000))
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return finish(process, collected)
    }

    /// The blocking form, for one-time set-up in a `static let`.
    public static func runBlocking(_ arguments: [String], timeoutSeconds: Double = 300) throws -> Result {
        let (process, collected) = try start(arguments, executable: nil, environment: [:])
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                break
            }
            usleep(20_000)
        }
        return finish(process, collected)
    }

    private static func start(_ arguments: [String], executable: String?, environment: [String: String]) throws -> (Process, ReadBoth) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // A crash report that unwinds through C libraries without frame pointers (libc, OpenSSL)
        // by their unwind tables, so a rare crash in a test shows where it happened.
        if env["SWIFT_BACKTRACE"] == nil { env["SWIFT_BACKTRACE"] = "unwind=precise" }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        return (process, ReadBoth(out: out.fileHandleForReading, err: err.fileHandleForReading))
    }

    private static func finish(_ process: Process, _ collected: ReadBoth) -> Result {
        process.waitUntilExit()
        let (stdout, stderr) = collected.wait()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    private final class ReadBoth: @unchecked Sendable {
        private var out = Data()
        private var err = Data()
        private let group = DispatchGroup()

        init(out outHandle: FileHandle, err errHandle: FileHandle) {
            group.enter()
            group.enter()
            OwnThread.start {
                self.out = outHandle.readDataToEndOfFile()
                self.group.leave()
            }
            OwnThread.start {
                self.err = errHandle.readDataToEndOfFile()
                self.group.leave()
            }
        }

        func wait() -> (String, String) {
            group.wait()
            return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}
