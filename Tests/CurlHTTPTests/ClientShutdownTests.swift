import Foundation
import TestSupport
import Testing

@testable import CurlHTTP

/// The client owns one thread and one libcurl multi handle; both end with the client, so a daemon
/// that replaces its client on every reload does not collect threads.
@Suite struct ClientShutdownTests {
    let web = TestWeb.shared

    /// True while the kernel still lists the thread in this process.
    static func threadExists(_ id: pid_t) -> Bool {
        FileManager.default.fileExists(atPath: "/proc/self/task/\(id)")
    }

    static func threadEnds(_ id: pid_t, within seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if !threadExists(id) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !threadExists(id)
    }

    @Test func aReleasedClientEndsItsThread() async throws {
        var threads: [pid_t] = []
        for index in 0..<20 {
            let client = CurlHTTPClient(settings: web.settings())
            let response = try await client.fetch(HTTPRequest(url: "https://faults.test/status/200?replaced=\(index)", kind: .page))
            #expect(response.status == 200)
            let id = try #require(client.transferThreadID, "the client did not report its transfer thread")
            #expect(Self.threadExists(id))
            threads.append(id)
        }
        // One deadline for all: each released client's thread ends.
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, threads.contains(where: Self.threadExists) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let running = threads.filter(Self.threadExists)
        #expect(running.isEmpty, "\(running.count) of 20 transfer threads still run after their clients were released")
    }

    @Test func shutdownFailsRequestsInFlightAsCancelledAndEndsTheThread() async throws {
        let client = CurlHTTPClient(settings: web.settings())
        _ = try await client.fetch(HTTPRequest(url: "https://faults.test/status/200?shutdown=1", kind: .page))
        let id = try #require(client.transferThreadID)
        let slow = Task { try await client.fetch(HTTPRequest(url: "https://faults.test/slow?ms=60000", kind: .page)) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        await client.shutdown()
        // Not when the server answers (60 s), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(30))
        do {
            let response = try await slow.value
            Issue.record("a request in flight at shutdown got HTTP \(response.status)")
        } catch let error as HTTPError {
            #expect(error.code == .cancelled)
            #expect(error.message.contains("shut down"), "\(error.message)")
        }
        #expect(await Self.threadEnds(id), "the transfer thread still runs after shutdown")
        // Later requests fail at once, the same way.
        do {
            let response = try await client.fetch(HTTPRequest(url: "https://faults.test/status/200?shutdown=2", kind: .page))
            Issue.record("a request after shutdown got HTTP \(response.status)")
        } catch let error as HTTPError {
            #expect(error.code == .cancelled)
        }
    }

    @Test func aClientThatNeverFetchedShutsDownAtOnce() async {
        let client = CurlHTTPClient(settings: web.settings())
        await client.shutdown()
        #expect(client.transferThreadID == nil)
    }
}
