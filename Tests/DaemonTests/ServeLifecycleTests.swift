import Foundation
import TestSupport
import Testing

/// `orgprofile serve` driven as systemd would: a notify socket bound by the test, SIGHUP, SIGTERM.
extension DaemonProcessTests {
    @Suite struct ServeLifecycleTests {
        let web = TestWeb.shared
        let organisations = ["991825827", "974760673", "985399077"]

        @Test(arguments: [true, false])
        func notifiesReadyReloadingAndStopping(abstractSocket: Bool) async throws {
            let receiver = try NotifyReceiver(abstract: abstractSocket)
            defer { receiver.close() }
            let cache = temporaryDirectory("serve-cache")
            let state = temporaryDirectory("serve-state")
            let config = temporaryDirectory("serve-config") + "/config.json"
            try Data(#"{"refresh-interval": 3600, "feed": false, "concurrency": 4}"#.utf8).write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", state] + web.operatorArguments + organisations,
                executable: BuiltBinary.path,
                environment: ["NOTIFY_SOCKET": receiver.address, "WATCHDOG_USEC": "2000000"])

            let ready = await receiver.wait { $0.split(separator: "\n").contains("READY=1") }
            try #require(ready != nil, "no READY=1; output: \(daemon.text)")

            // Profiles are written while the daemon runs, and STATUS= reports them.
            let written = await eventually(timeout: 60) {
                organisations.allSatisfy { FileManager.default.fileExists(atPath: "\(cache)/profiles/\($0).json") }
            }
            #expect(written, "profiles not written; output: \(daemon.text)")
            #expect(await receiver.wait(timeout: 10) { $0.contains("STATUS=3 profiles") } != nil, "messages: \(receiver.all)")
            #expect(await receiver.wait(timeout: 5) { $0 == "WATCHDOG=1" } != nil, "no watchdog ping at half WATCHDOG_USEC")

            // SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1, and the new file is in force:
            // the organisation it adds gets a profile (the interval alone would not refresh anything).
            try Data(#"{"refresh-interval": 3600, "feed": false, "concurrency": 4, "organisations": ["974761467"]}"#.utf8)
                .write(to: URL(fileURLWithPath: config))
            let before = receiver.all.count
            daemon.signal(SIGHUP)
            let reloading = await receiver.wait(from: before, timeout: 10) { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }
            try #require(reloading != nil, "no RELOADING=1; messages: \(receiver.all.suffix(5)); output: \(daemon.text)")
            let monotonic = receiver.all[reloading!].split(separator: "=").last.flatMap { UInt64($0) } ?? 0
            #expect(monotonic > 0)
            #expect(await receiver.wait(from: reloading! + 1, timeout: 10) { $0.hasPrefix("READY=1") } != nil)
            #expect(
                await eventually(timeout: 60) { FileManager.default.fileExists(atPath: "\(cache)/profiles/974761467.json") },
                "the reloaded configuration's organisation was not refreshed; output: \(daemon.text)")

            // A bad configuration on reload: logged, the old one stays, READY=1 again, still serving.
            try Data(#"{"refresh-interval": "soon"}"#.utf8).write(to: URL(fileURLWithPath: config))
            let beforeBad = receiver.all.count
            daemon.signal(SIGHUP)
            let badReload = await receiver.wait(from: beforeBad, timeout: 10) { $0.hasPrefix("RELOADING=1") }
            try #require(badReload != nil)
            #expect(await receiver.wait(from: badReload! + 1, timeout: 10) { $0.hasPrefix("READY=1") } != nil)
            #expect(
                await eventually(timeout: 5) {
                    daemon.text.contains("key 'refresh-interval'") && daemon.text.contains("previous configuration stays")
                },
                "output: \(daemon.text)")
            #expect(daemon.process.isRunning)

            // SIGTERM: STOPPING=1 and exit 0; the schedule is saved for the next start.
            let beforeStop = receiver.all.count
            daemon.signal(SIGTERM)
            #expect(await receiver.wait(from: beforeStop, timeout: 10) { $0.contains("STOPPING=1") } != nil)
            #expect(await daemon.waitForExit(timeout: 30) == 0, "output: \(daemon.text)")
            let saved =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(state)/state.json"))) as? [String: Any]
            let scheduled = saved?["organisations"] as? [String: Any]
            #expect(Set(scheduled?.keys.map { $0 } ?? []) == Set(organisations + ["974761467"]))
            for number in organisations {
                let profile =
                    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json")))
                    as? [String: Any]
                #expect(profile?["organisationNumber"] as? String == number)
            }
        }

        @Test func badConfigurationExits78WithOneLineNamingTheKey() async throws {
            let config = temporaryDirectory("bad-config") + "/config.json"
            try Data(#"{"concurrency": 0}"#.utf8).write(to: URL(fileURLWithPath: config))
            let result = try await RunningBinary.run(
                ["serve", "--config", config, "--cache-dir", temporaryDirectory("c"), "--state-dir", temporaryDirectory("s")],
                timeout: 20)
            #expect(result.status == 78)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("key 'concurrency'") && result.stderr.contains(config))

            try Data(#"{"refresh-intervall": 60}"#.utf8).write(to: URL(fileURLWithPath: config))
            let typo = try await RunningBinary.run(["refresh", "991825827", "--config", config], timeout: 20)
            #expect(typo.status == 78)
            #expect(typo.stderr.contains("key 'refresh-intervall': unknown key"))

            let missing = try await RunningBinary.run(["serve", "--config", config + ".missing"], timeout: 20)
            #expect(missing.status == 78)
            #expect(missing.stderr.contains("does not exist"))
        }

        @Test func journaldPriorityPrefixesUnderSystemd() async throws {
            let config = temporaryDirectory("journal-config") + "/config.json"
            try Data(#"{"feed": false}"#.utf8).write(to: URL(fileURLWithPath: config))
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", temporaryDirectory("jc"), "--state-dir", temporaryDirectory("js")]
                    + web.operatorArguments,
                executable: BuiltBinary.path, environment: ["INVOCATION_ID": "0123456789abcdef"])
            #expect(await eventually(timeout: 20) { daemon.text.contains("<6>ready") }, "output: \(daemon.text)")
            daemon.signal(SIGTERM)
            #expect(await daemon.waitForExit(timeout: 30) == 0)
            #expect(daemon.text.split(separator: "\n").allSatisfy { $0.first == "<" }, "output: \(daemon.text)")
        }
    }
}
