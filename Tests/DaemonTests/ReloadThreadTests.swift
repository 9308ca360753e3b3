import Foundation
import TestSupport
import Testing

/// A SIGHUP that changes HTTP settings replaces the daemon's HTTP client; the old client's
/// transfer thread must end with it, or every reload leaves a thread behind.
extension DaemonProcessTests {
    @Suite struct ReloadThreadTests {
        let web = TestWeb.shared

        /// Threads of the process, from the kernel's list.
        static func threadCount(_ pid: Int32) -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count) ?? -1
        }

        @Test func reloadsThatChangeHTTPSettingsDoNotAddThreads() async throws {
            let receiver = try NotifyReceiver(abstract: true)
            defer { receiver.close() }
            let cache = temporaryDirectory("reload-cache")
            let state = temporaryDirectory("reload-state")
            let config = temporaryDirectory("reload-config") + "/config.json"
            // The feed is polled every second, so every client a reload makes is put to work and
            // starts its transfer thread; `max-time` differs on every reload, so every reload
            // makes a new client.
            func write(maxTime: Int) throws {
                try Data(#"{"refresh-interval": 3600, "feed": true, "feed-interval": 1, "max-time": \#(maxTime)}"#.utf8)
                    .write(to: URL(fileURLWithPath: config))
            }
            try write(maxTime: 30)
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments + ["991825827"],
                executable: BuiltBinary.path, environment: ["NOTIFY_SOCKET": receiver.address])
            defer { daemon.stopNow() }
            try #require(await receiver.wait { $0.split(separator: "\n").contains("READY=1") } != nil, "output: \(daemon.text)")
            let pid = daemon.process.processIdentifier

            func reload(maxTime: Int) async throws {
                try write(maxTime: maxTime)
                let before = receiver.all.count
                daemon.signal(SIGHUP)
                let reloading = await receiver.wait(from: before, timeout: 10) { $0.hasPrefix("RELOADING=1") }
                try #require(reloading != nil, "no RELOADING=1; output: \(daemon.text)")
                try #require(await receiver.wait(from: reloading! + 1, timeout: 10) { $0.hasPrefix("READY=1") } != nil)
                // Long enough for a feed poll through the new client.
                try await Task.sleep(for: .milliseconds(1500))
            }

            try await reload(maxTime: 31)
            try await Task.sleep(for: .seconds(2))
            let before = Self.threadCount(pid)
            for index in 0..<20 { try await reload(maxTime: 32 + index) }
            try await Task.sleep(for: .seconds(2))
            let after = Self.threadCount(pid)
            // The cooperative pool and libdispatch may add a thread or two; a leak adds one per reload.
            #expect(after - before <= 3, "threads before 20 reloads: \(before), after: \(after)")
            #expect(!daemon.text.contains("reload failed"), "output: \(daemon.text)")
            #expect(daemon.process.isRunning)
        }
    }
}
