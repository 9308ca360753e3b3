import Foundation
import TestSupport
import Testing

/// `serve --http-listen`: the server starts with the daemon, names its port, and refuses
/// addresses and token files it cannot use (exit 78, one line).
extension DaemonProcessTests {
    @Suite struct HTTPSurfaceStartupTests {
        let web = TestWeb.shared

        @Test func listensOnTheLoggedPortAndStopsWithTheDaemon() async throws {
            let server = try await SurfaceServer.start(web: web)
            defer { server.daemon.stopNow() }
            let health = try await LoopbackHTTP.send("GET", server.url("/healthz"))
            #expect(health.status == 200)
            #expect(health.text == "ok\n")
            #expect(await server.daemon.stop() == 0, "output: \(server.daemon.text)")
            await #expect(throws: LoopbackHTTP.Failure.self) {
                try await LoopbackHTTP.send("GET", server.url("/healthz"), timeoutSeconds: 5)
            }
        }

        @Test(arguments: [
            ("127.0.0.1", "not HOST:PORT"), ("127.0.0.1:99999", "port must be a number from 0 to 65535"),
            ("intranet.example:8080", "must be an IP address"), ("::1:8080", "in brackets"),
        ])
        func badAddressExits78NamingTheKey(address: String, problem: String) async throws {
            let result = try await RunningBinary.run(
                ["serve", "--http-listen", address, "--cache-dir", temporaryDirectory("c"), "--state-dir", temporaryDirectory("s")],
                environment: ["ORGPROFILE_FEED": "false"], timeout: 20)
            #expect(result.status == 78)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("key 'http-listen'") && result.stderr.contains(problem), "\(result.stderr)")
        }

        @Test func environmentVariableTurnsTheServerOn() async throws {
            let server = try await SurfaceServer.start(web: web, listenFlag: false, environment: ["ORGPROFILE_HTTP_LISTEN": ":0"])
            defer { server.daemon.stopNow() }
            #expect(try await LoopbackHTTP.send("GET", server.url("/healthz")).status == 200)
        }

        @Test func aPortInUseIsOneLineAndExit69() async throws {
            let first = try await SurfaceServer.start(web: web)
            defer { first.daemon.stopNow() }
            let result = try await RunningBinary.run(
                [
                    "serve", "--http-listen", "127.0.0.1:\(first.port)", "--cache-dir", temporaryDirectory("c"), "--state-dir",
                    temporaryDirectory("s"),
                ], environment: ["ORGPROFILE_FEED": "false"], timeout: 30)
            #expect(result.status == 69, "\(result.stderr)")
            let errors = result.stderr.split(separator: "\n").filter { !$0.contains(" info ") }
            #expect(errors.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("127.0.0.1:\(first.port)") && result.stderr.contains("already in use"), "\(result.stderr)")
        }

        @Test("READY=1 only once the HTTP surface listens; a port that cannot be bound never reports ready")
        func readyWaitsForTheListener() async throws {
            let receiver = try NotifyReceiver(abstract: false)
            defer { receiver.close() }
            let daemon = try RunningBinary(
                ["serve", "--http-listen", "127.0.0.1:0", "--cache-dir", temporaryDirectory("c"), "--state-dir", temporaryDirectory("s")],
                executable: BuiltBinary.path, environment: ["NOTIFY_SOCKET": receiver.address, "ORGPROFILE_FEED": "false"])
            defer { daemon.stopNow() }
            try #require(await receiver.wait { $0.split(separator: "\n").contains("READY=1") } != nil, "output: \(daemon.text)")
            // The line is logged when the listener is bound, before the gate opens.
            #expect(daemon.text.contains("HTTP surface listening on"), "READY=1 before the listener: \(daemon.text)")
            let port = try #require(
                daemon.text.split(separator: "\n").first { $0.contains("HTTP surface listening on") }
                    .flatMap { $0.split(separator: ":").last }.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })

            let taken = try NotifyReceiver(abstract: false)
            defer { taken.close() }
            let result = try await RunningBinary.run(
                [
                    "serve", "--http-listen", "127.0.0.1:\(port)", "--cache-dir", temporaryDirectory("c"), "--state-dir",
                    temporaryDirectory("s"),
                ], environment: ["NOTIFY_SOCKET": taken.address, "ORGPROFILE_FEED": "false"], timeout: 30)
            #expect(result.status == 69, "\(result.stderr)")
            #expect(!taken.all.contains { $0.split(separator: "\n").contains("READY=1") }, "messages: \(taken.all)")
        }

        @Test func nonLoopbackAddressWithoutTokenFileIsRefused() async throws {
            let result = try await RunningBinary.run(
                ["serve", "--http-listen", "0.0.0.0:0", "--cache-dir", temporaryDirectory("c"), "--state-dir", temporaryDirectory("s")],
                timeout: 20)
            #expect(result.status == 78)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains("key 'http-listen'") && result.stderr.contains("http-token-file"), "\(result.stderr)")
        }

        @Test func tokenFileReadableByOthersIsRefused() async throws {
            let directory = temporaryDirectory("tokens")
            let path = directory + "/tokens"
            try Data("alice:0123456789abcdef0123\n".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o644)
            let result = try await RunningBinary.run(
                [
                    "serve", "--http-listen", ":0", "--http-token-file", path, "--cache-dir", temporaryDirectory("c"), "--state-dir",
                    temporaryDirectory("s"),
                ], timeout: 20)
            #expect(result.status == 78)
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(path) && result.stderr.contains("chmod o-rwx"), "\(result.stderr)")

            try Data("# nobody yet\n\n".utf8).write(to: URL(fileURLWithPath: path))
            chmod(path, 0o640)
            let empty = try await RunningBinary.run(
                [
                    "serve", "--http-listen", ":0", "--http-token-file", path, "--cache-dir", temporaryDirectory("c"), "--state-dir",
                    temporaryDirectory("s"),
                ], timeout: 20)
            #expect(empty.status == 78)
            #expect(empty.stderr.contains("holds no token"), "\(empty.stderr)")

            let missing = try await RunningBinary.run(
                [
                    "serve", "--http-listen", "0.0.0.0:0", "--http-token-file", path + ".missing", "--cache-dir", temporaryDirectory("c"),
                    "--state-dir", temporaryDirectory("s"),
                ], timeout: 20)
            #expect(missing.status == 78)
            #expect(missing.stderr.contains("does not exist"), "\(missing.stderr)")
        }
    }
}

/// A `serve` process with the HTTP surface on 127.0.0.1 and a free port, against the test web.
struct SurfaceServer {
    let daemon: RunningBinary
    let port: Int
    let cache: String
    let state: String

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    static func start(
        web: TestWeb, organisations: [String] = [], cache: String? = nil, extraArguments: [String] = [], listenFlag: Bool = true,
        environment: [String: String] = [:], config: String = #"{"feed": false, "refresh-interval": 3600}"#
    ) async throws -> SurfaceServer {
        let cache = cache ?? temporaryDirectory("surface-cache")
        let state = temporaryDirectory("surface-state")
        let configPath = temporaryDirectory("surface-config") + "/config.json"
        try Data(config.utf8).write(to: URL(fileURLWithPath: configPath))
        let daemon = try RunningBinary(
            ["serve", "--config", configPath, "--cache-dir", cache, "--state-dir", state]
                + (listenFlag ? ["--http-listen", "127.0.0.1:0"] : [])
                + extraArguments + web.operatorArguments + organisations,
            executable: BuiltBinary.path, environment: environment)
        var port: Int?
        _ = await eventually(timeout: 30) {
            let text = daemon.text
            guard let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) else { return false }
            port = Int(text[range].split(separator: ":").last ?? "")
            return port != nil
        }
        guard let port else {
            daemon.stopNow()
            throw LoopbackHTTP.Failure(description: "serve logged no listening line; output: \(daemon.text)")
        }
        return SurfaceServer(daemon: daemon, port: port, cache: cache, state: state)
    }
}
