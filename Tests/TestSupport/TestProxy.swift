import Foundation

/// A forward HTTP proxy on loopback (`Tests/TestWeb/testproxy.py`) in front of the shared test web:
/// `CONNECT host:443` and `GET http://host/…` all end at the test web, whatever the host, so a
/// client configured with `--proxy` and no `--connect-to` still never leaves 127.0.0.1.
public final class TestProxy: Sendable {
    public let port: Int
    public let logPath: String
    private let process: Process
    private let stdinPipe: Pipe

    private struct Ready: Decodable { var port: Int }

    public init(in front: TestWeb = .shared) throws {
        logPath = Scratch.url.appendingPathComponent("orgprofile-proxy-\(UUID().uuidString).log").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestWeb.testWebDirectory.appendingPathComponent("testproxy.py").path,
            "--http-port", "\(front.httpPort)", "--https-port", "\(front.httpsPort)", "--log", logPath,
        ]
        stdinPipe = Pipe()
        port = try TestWeb.startAndReadReadyLine(process, stdin: stdinPipe, as: Ready.self, what: "the test proxy").port
    }

    /// `http://127.0.0.1:PORT`
    public var url: String { "http://127.0.0.1:\(port)" }

    /// The request lines the proxy saw (`CONNECT www.digdir.no:443`, `GET http://…`).
    public var requests: [String] {
        (try? String(contentsOfFile: logPath, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }

    /// Closes the proxy's stdin; it exits.
    public func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
