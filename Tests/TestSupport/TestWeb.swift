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

    static func start() throws -> TestWeb {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("orgprofile-testweb-\(getpid()).log").path
        process.arguments = ["python3", testWebDirectory.appendingPathComponent("testweb.py").path, "--log", log]
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        try process.run()
        var line = Data()
        let handle = stdoutPipe.fileHandleForReading
        while true {
            let byte = handle.readData(ofLength: 1)
            if byte.isEmpty { throw TestWebError(message: "the test web exited before it was ready (log: \(log))") }
            if byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        let ready = try JSONDecoder().decode(Ready.self, from: line)
        return TestWeb(ready: ready, process: process, stdinPipe: stdinPipe)
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
