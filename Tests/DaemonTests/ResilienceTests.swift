import Foundation
import TestSupport
import Testing

/// The daemon survives what operations throws at it: a cache directory that cannot be written,
/// and a restart (which resumes instead of starting over). SIGTERM in the middle of a batch:
/// `GracefulShutdownTests`, in process.
extension DaemonProcessTests {
    @Suite struct ResilienceTests {
        func config(_ json: String) throws -> String {
            let path = temporaryDirectory("resilience-config") + "/config.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        /// A file-size limit of 0 makes every write fail the way a full disk does (EFBIG instead of
        /// ENOSPC); lifting it with prlimit(1) is the operator freeing space.
        @Test func aCacheDirectoryThatCannotBeWrittenIsReportedAndRetried() async throws {
            let receiver = try NotifyReceiver(abstract: true)
            defer { receiver.close() }
            let web = TestWeb.shared
            let cache = temporaryDirectory("full-cache")
            let state = temporaryDirectory("full-state")
            let arguments =
                [
                    "serve", "--config", try config(#"{"feed": false, "retry-delay": 1, "refresh-interval": 3600}"#),
                    "--cache-dir", cache, "--state-dir", state,
                ] + web.operatorArguments + ["991825827", "974760673"]
            let daemon = try RunningBinary(
                ["-c", "ulimit -S -f 0; exec \"$0\" \"$@\"", BuiltBinary.path] + arguments,
                executable: "/bin/sh", environment: ["NOTIFY_SOCKET": receiver.address])
            #expect(await receiver.wait { $0.hasPrefix("READY=1") } != nil, "output: \(daemon.text)")
            #expect(await receiver.wait { $0.contains("CACHE DIR FAILING") } != nil, "messages: \(receiver.all); output: \(daemon.text)")
            #expect(await eventually(timeout: 10) { daemon.text.contains("retry after") }, "output: \(daemon.text)")
            #expect(daemon.process.isRunning)
            #expect(!FileManager.default.fileExists(atPath: "\(cache)/profiles/991825827.json"))

            let lift = Process()
            lift.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            lift.arguments = ["--pid", String(daemon.process.processIdentifier), "--fsize=unlimited"]
            try lift.run()
            lift.waitUntilExit()
            try #require(lift.terminationStatus == 0)
            let recovered = await eventually(timeout: 30) {
                ["991825827", "974760673"].allSatisfy { FileManager.default.fileExists(atPath: "\(cache)/profiles/\($0).json") }
            }
            #expect(recovered, "output: \(daemon.text)")
            #expect(
                await receiver.wait(timeout: 10) { $0.hasPrefix("STATUS=2 profiles") && !$0.contains("FAILING") } != nil,
                "messages: \(receiver.all.suffix(5))")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: 30) == 0)
        }

        /// The second start is given one more organisation, never refreshed and so due at once: once
        /// its profile is written the scheduler has looked at everything it resumed. A test web of
        /// its own counts what was asked for.
        @Test func aRestartResumesTheScheduleInsteadOfRefetching() async throws {
            let web = try TestWeb.startPrivate(root: TestWeb.copyOfFixtures())
            defer { web.stop() }
            let cache = temporaryDirectory("resume-cache")
            let state = temporaryDirectory("resume-state")
            let arguments =
                [
                    "serve", "--config", try config(#"{"feed": false, "refresh-interval": 3600}"#),
                    "--cache-dir", cache, "--state-dir", state,
                ] + web.operatorArguments
            let first = try RunningBinary(arguments + ["991825827"], executable: BuiltBinary.path, environment: [:])
            let path = "\(cache)/profiles/991825827.json"
            try #require(await eventually(timeout: 60) { FileManager.default.fileExists(atPath: path) }, "output: \(first.text)")
            #expect(await first.stop() == 0)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            let homePageRequests = try await web.responseCounts(host: "www.digdir.no", path: "/").values.reduce(0, +)
            try #require(homePageRequests > 0, "the first run did not fetch the site")

            let second = try RunningBinary(arguments + ["991825827", "974760673"], executable: BuiltBinary.path, environment: [:])
            let control = "\(cache)/profiles/974760673.json"
            let refreshed = await eventually(timeout: 60) { FileManager.default.fileExists(atPath: control) }
            #expect(await second.stop() == 0)
            try #require(refreshed, "the organisation that was due was not refreshed: \(second.text)")
            #expect(
                try await web.responseCounts(host: "www.digdir.no", path: "/").values.reduce(0, +) == homePageRequests,
                "the restart fetched the site of an organisation that was not due")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "the restart rewrote a profile that was not due")
        }
    }
}
