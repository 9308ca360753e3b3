import CurlHTTP
import Foundation

/// The loopback test web (`Tests/TestWeb/testweb.py`), started once per test process.
/// It serves every fixture host on 127.0.0.1; the client reaches it through the ordinary operator
/// settings (`--connect-to`, `--cacert`, `--allow-address-range 127.0.0.0/8`), so tests run the
/// production code path and no packet ever leaves loopback.
public final class TestWeb: Sendable {
    public let httpPort: Int
    public let httpsPort: Int
    public let caFile: String
    public let hosts: [String]
    private let process: Process
    private let stdinPipe: Pipe

    /// Started on first use; the server exits when this process ends (its stdin closes).
    public static let shared: TestWeb = {
        do {
            return try TestWeb.start()
        } catch {
            fatalError("the test web did not start: \(error)")
        }
    }()

    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var testWebDirectory: URL { repositoryRoot.appendingPathComponent("Tests/TestWeb") }

    struct Ready: Decodable {
        var http_port: Int
        var https_port: Int
        var ca_file: String
        var hosts: [String]
    }

    private init(ready: Ready, process: Process, stdinPipe: Pipe) {
        self.httpPort = ready.http_port
        self.httpsPort = ready.https_port
        self.caFile = ready.ca_file
        self.hosts = ready.hosts
        self.process = process
        self.stdinPipe = stdinPipe
    }

    /// A test web of its own, serving `root` (a copy of `Tests/TestWeb` from `copyOfFixtures()`), for
    /// tests that change a served file or count responses without other tests' traffic. It exits
    /// at `stop()` or when this process ends.
    public static func startPrivate(root: URL) throws -> TestWeb {
        try start(root: root)
    }

    /// A fresh temporary copy of `Tests/TestWeb` (sites, register, Wikidata), to change freely.
    public static func copyOfFixtures() throws -> URL {
        let copy = Scratch.url.appendingPathComponent("orgprofile-testweb-copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: testWebDirectory, to: copy)
        return copy
    }

    public func stop() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// How often each status (`"200"`, `"304"` …) was sent for `host` and `path` (without query).
    public func responseCounts(host: String, path: String) async throws -> [String: Int] {
        var query = URLComponents(string: "https://faults.test/responses")!
        query.queryItems = [URLQueryItem(name: "host", value: host), URLQueryItem(name: "path", value: path)]
        let response = try await CurlHTTPClient(settings: settings()).fetch(HTTPRequest(url: query.url!.absoluteString, kind: .other))
        return try JSONDecoder().decode([String: Int].self, from: response.body)
    }

    static func start(root: URL? = nil) throws -> TestWeb {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let log = Scratch.url.appendingPathComponent(
            "orgprofile-testweb-\(getpid())\(root == nil ? "" : "-" + UUID().uuidString).log"
        ).path
        process.arguments =
            ["python3", testWebDirectory.appendingPathComponent("testweb.py").path, "--log", log]
            + (root.map { ["--root", $0.path] } ?? [])
        let stdinPipe = Pipe()
        let ready = try startAndReadReadyLine(process, stdin: stdinPipe, as: Ready.self, what: "the test web (log: \(log))")
        return TestWeb(ready: ready, process: process, stdinPipe: stdinPipe)
    }

    /// Starts one of the Python helpers in Tests/TestWeb and decodes the JSON line it prints when
    /// ready. It exits when `stdin` is closed.
    static func startAndReadReadyLine<Ready: Decodable>(_ process: Process, stdin: Pipe, as: Ready.Type, what: String) throws -> Ready {
        let stdoutPipe = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdoutPipe
        try process.run()
        var line = Data()
        let handle = stdoutPipe.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { throw TestWebError(message: "\(what) exited before it was ready") }
            if byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        return try JSONDecoder().decode(Ready.self, from: line)
    }

    /// `--connect-to` entries that send every host's port 80 and 443 to the test web, so no name
    /// is ever looked up in DNS.
    public var connectTo: [String] { [":80:127.0.0.1:\(httpPort)", ":443:127.0.0.1:\(httpsPort)"] }

    /// Client settings for tests: loopback allowed, every other special range still refused; no
    /// politeness delay (the test web is ours), except where a test sets one.
    public func settings(
        connectTimeoutMilliseconds: Int = 5_000, totalTimeoutMilliseconds: Int = 10_000,
        maxRetries: Int = 2, retryBaseDelayMilliseconds: Int = 50, caFile: String?? = nil,
        extraConnectTo: [String] = [], resolve: [String] = []
    ) -> HTTPSettings {
        HTTPSettings(
            connectTimeoutMilliseconds: connectTimeoutMilliseconds, totalTimeoutMilliseconds: totalTimeoutMilliseconds,
            resolve: resolve, connectTo: extraConnectTo + connectTo, caFile: caFile ?? self.caFile,
            addressGuard: AddressGuard(allowedRanges: [CIDRRange("127.0.0.0/8")!]),
            maxRetries: maxRetries, retryBaseDelayMilliseconds: retryBaseDelayMilliseconds, perHostDelayMilliseconds: 0)
    }

    /// The same settings as command-line flags of the `orgprofile` binary.
    public var operatorArguments: [String] {
        connectTo.flatMap { ["--connect-to", $0] } + ["--cacert", caFile, "--allow-address-range", "127.0.0.0/8"]
    }
}

public struct TestWebError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
