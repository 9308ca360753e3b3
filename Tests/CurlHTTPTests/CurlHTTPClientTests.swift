import Foundation
import TestSupport
import Synchronization
import Testing

@testable import CurlHTTP

/// The real client against the loopback test web.
@Suite struct CurlHTTPClientTests {
    let web = TestWeb.shared

    func client(_ settings: HTTPSettings? = nil) -> CurlHTTPClient {
        CurlHTTPClient(settings: settings ?? web.settings())
    }

    func fetchError(_ client: CurlHTTPClient, _ url: String, kind: ResourceKind = .page) async -> HTTPError? {
        do {
            let response = try await client.fetch(HTTPRequest(url: url, kind: kind))
            Issue.record("expected an error, got HTTP \(response.status)")
            return nil
        } catch let error as HTTPError {
            return error
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    /// Waits (bounded) until a keyed `/slow` request has reached the test web. The bound is generous:
    /// under the full suite on two cores, the cooperative pool can stall for a minute.
    func arrived(_ key: String, timeout: Duration = .seconds(120)) async -> Bool {
        let asker = client()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let response = try? await asker.fetch(HTTPRequest(url: "https://faults.test/hits?key=\(key)", kind: .other))
            let counted = response.flatMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
            if (counted?["hits"] as? Int ?? 0) > 0 { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func hits(_ key: String) async throws -> Int {
        let response = try await client().fetch(HTTPRequest(url: "https://faults.test/hits?key=\(key)", kind: .other))
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return object?["hits"] as? Int ?? -1
    }

    @Test func fetchesOverHTTPSWithTheTestCA() async throws {
        let response = try await client().fetch(HTTPRequest(url: "https://faults.test/status/200", kind: .page))
        #expect(response.status == 200)
        #expect(response.effectiveURL == "https://faults.test/status/200")
    }

    @Test func sendsHonestUserAgentAcceptEncodingAndRequestHeaders() async throws {
        let response = try await client().fetch(
            HTTPRequest(
                url: "https://faults.test/echo-headers", kind: .other, headers: [(name: "Accept", value: "application/x-test")]))
        let text = String(decoding: response.body, as: UTF8.self).lowercased()
        #expect(text.contains("orgprofile/"))
        #expect(text.contains("gzip"))
        #expect(text.contains("application/x-test"))
    }

    @Test func refusesCertificatesNotSignedByTheConfiguredCA() async {
        // Without --cacert the system store is used, which does not know the test CA.
        let systemStore = client(web.settings(caFile: .some(nil)))
        #expect(await fetchError(systemStore, "https://faults.test/status/200")?.code == .tlsFailure)
    }

    @Test(arguments: ["wrong-name.test", "selfsigned.test"])
    func refusesBadCertificates(_ host: String) async {
        #expect(await fetchError(client(), "https://\(host)/")?.code == .tlsFailure)
    }

    @Test func refusesARedirectToAPrivateAddressBeforeConnecting() async {
        let error = await fetchError(client(), "https://faults.test/redirect-private")
        #expect(error?.code == .refusedAddress)
        #expect(error?.message.contains("10.255.255.1") == true)
        #expect(error?.message.contains("10.0.0.0/8") == true)
    }

    @Test func refusesARedirectToTheCloudMetadataAddress() async {
        let error = await fetchError(client(), "https://faults.test/redirect-link-local")
        #expect(error?.code == .refusedAddress)
        #expect(error?.message.contains("169.254.169.254") == true)
    }

    @Test func refusesAResolveOverrideThatPointsIntoAPrivateRange() async {
        // No connect-to here: the name resolves (by override, no DNS) straight to 10.0.0.5.
        let settings = HTTPSettings(
            resolve: ["intranet.test:80:10.0.0.5"],
            addressGuard: AddressGuard(allowedRanges: [CIDRRange("127.0.0.0/8")!]), maxRetries: 0)
        let error = await fetchError(client(settings), "http://intranet.test/")
        #expect(error?.code == .refusedAddress)
    }

    /// `::127.0.0.1` (IPv4-compatible, deprecated) is not the loopback address to the guard's
    /// allow list: allowing 127.0.0.0/8 allows 127.0.0.1 and its IPv4-mapped spelling only.
    @Test func refusesAnIPv4CompatibleAddressBeforeConnectingEvenWithLoopbackAllowed() async throws {
        let error = await fetchError(client(web.settings(maxRetries: 0)), "http://[::127.0.0.1]:\(web.httpPort)/")
        #expect(error?.code == .refusedAddress, "\(String(describing: error))")
        #expect(error?.message.contains("::/96") == true, "\(String(describing: error))")
        // The mapped spelling of the same address reaches the test web (unknown host: 404), so
        // the refusal above is the guard's, not the network's.
        let mapped = try await client().fetch(HTTPRequest(url: "http://[::ffff:127.0.0.1]:\(web.httpPort)/", kind: .page))
        #expect(mapped.status == 404)
    }

    /// The deadline cancels the transfer in curl: the call returns at the deadline, not when the
    /// server answers; a request after the deadline fails without starting.
    @Test func aDeadlineCutsAStalledTransferShort() async throws {
        // The client's own limit (200 s) is above the server's stall, so only the deadline can end it early.
        let bounded = DeadlineFetcher(
            wrapping: client(web.settings(totalTimeoutMilliseconds: 200_000, maxRetries: 0)), limit: .milliseconds(500))
        let started = ContinuousClock.now
        var error: HTTPError?
        do {
            _ = try await bounded.fetch(HTTPRequest(url: "https://faults.test/slow?ms=170000", kind: .page))
        } catch let caught as HTTPError {
            error = caught
        }
        // Well before the server answers (170 s), with room for a loaded machine: the whole suite
        // shares two cores, and CPU-bound tests can hold the cooperative pool for a minute.
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(error?.code == .timedOut, "\(String(describing: error))")
        #expect(error?.message.contains("time budget (0.5 s)") == true, "\(String(describing: error))")
        #expect(bounded.deadlineReached)
        let key = "deadline-\(UUID().uuidString)"
        await #expect(throws: HTTPError.self) {
            try await bounded.fetch(HTTPRequest(url: "https://faults.test/flaky?key=\(key)&times=0", kind: .page))
        }
        #expect(try await hits(key) == 0, "a request after the deadline reached the server")
    }

    /// A request queued behind another transfer to the same host stops waiting when its task is
    /// cancelled, and leaves the slot to those still waiting.
    @Test func aCancelledRequestStopsWaitingForAHostSlot() async throws {
        // The server stalls the slot's holder for 2 min (its cap) and the client's own limit is above that:
        // the holder can only end when this test cancels it, so a starved test process (the full
        // suite on two cores has stalled the pool for over a minute) cannot change the order.
        var settings = web.settings(totalTimeoutMilliseconds: 180_000, maxRetries: 0)
        settings.maxConcurrentPerHost = 1
        let shared = client(settings)
        let slowFinished = Mutex(false)
        let slowKey = "slot-\(UUID().uuidString)"
        let slow = Task {
            defer { slowFinished.withLock { $0 = true } }
            return try await shared.fetch(HTTPRequest(url: "https://faults.test/slow?ms=120000&key=\(slowKey)", kind: .page))
        }
        try #require(await arrived(slowKey), "the slow request did not reach the server")
        let queued = Task { try await shared.fetch(HTTPRequest(url: "https://faults.test/status/200", kind: .page)) }
        // The client shows no "waiting for a slot" state to wait for: give the request time to queue.
        try await Task.sleep(for: .milliseconds(300))
        queued.cancel()
        let queuedResult = await queued.result
        // The cancelled request ended while the slot's holder was still running (without the fix
        // it waits for the slot, which is held until the holder is cancelled below).
        #expect(slowFinished.withLock { $0 } == false)
        #expect(throws: (any Error).self) { try queuedResult.get() }
        // Cancelling the holder frees the slot for the next request.
        slow.cancel()
        _ = await slow.result
        #expect(try await shared.fetch(HTTPRequest(url: "https://faults.test/status/200", kind: .page)).status == 200)
    }

    @Test func refusesLoopbackUnlessAllowed() async {
        var settings = web.settings()
        settings.addressGuard = AddressGuard()
        #expect(await fetchError(client(settings), "https://faults.test/status/200")?.code == .refusedAddress)
    }

    @Test func refusesNonHTTPSchemesAlsoOnRedirect() async {
        #expect(await fetchError(client(), "https://faults.test/redirect-scheme")?.code == .unsupportedScheme)
        #expect(await fetchError(client(), "ftp://faults.test/file")?.code == .unsupportedScheme)
    }

    @Test func stopsRedirectLoops() async {
        #expect(await fetchError(client(), "https://faults.test/redirect-loop")?.code == .tooManyRedirects)
    }

    @Test func followsRedirectsAndReportsTheEffectiveURL() async throws {
        let response = try await client().fetch(HTTPRequest(url: "http://faults.test/redirect-chain?n=3", kind: .page))
        #expect(response.status == 200)
        #expect(response.redirectCount == 3)
        #expect(response.effectiveURL.hasSuffix("/redirect-chain?n=0"))
    }

    @Test func capsBodiesPerKind() async throws {
        let limit = ResourceKind.image.defaultBodyLimit
        let small = try await client().fetch(HTTPRequest(url: "https://faults.test/big?bytes=\(limit)", kind: .image))
        #expect(small.body.count == limit)
        #expect(await fetchError(client(), "https://faults.test/big?bytes=\(limit + 1)", kind: .image)?.code == .bodyTooLarge)
    }

    @Test func capsEndlessBodies() async {
        #expect(await fetchError(client(), "https://faults.test/endless", kind: .page)?.code == .bodyTooLarge)
    }

    @Test func capsDecodedBytesOfAGzipBomb() async {
        #expect(await fetchError(client(), "https://faults.test/gzip-bomb", kind: .page)?.code == .bodyTooLarge)
    }

    @Test func timesOutAndRetriesOnlyABoundedNumberOfTimes() async {
        // One attempt that waited out the answer would take 170 s; timed-out ones end far sooner,
        // even on a loaded machine whose cooperative pool CPU-bound tests hold for a minute.
        let settings = web.settings(totalTimeoutMilliseconds: 300, maxRetries: 1)
        let started = ContinuousClock.now
        #expect(await fetchError(client(settings), "https://faults.test/slow?ms=170000")?.code == .timedOut)
        #expect(ContinuousClock.now - started < .seconds(120))
    }

    @Test func honoursRetryAfterOn429() async throws {
        let key = "ra-\(UUID().uuidString)"
        let started = ContinuousClock.now
        let response = try await client().fetch(
            HTTPRequest(url: "https://faults.test/retry-after?key=\(key)&times=1&seconds=1", kind: .other))
        #expect(response.status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        #expect(try await hits(key) == 2)
    }

    @Test func retries5xxABoundedNumberOfTimesThenReturnsTheAnswer() async throws {
        let key = "fl-\(UUID().uuidString)"
        let response = try await client().fetch(HTTPRequest(url: "https://faults.test/flaky?key=\(key)&times=10&status=503", kind: .other))
        #expect(response.status == 503)
        #expect(try await hits(key) == 3)  // one try + maxRetries (2)
    }

    @Test func doesNotRetryClientErrors() async throws {
        let key = "nf-\(UUID().uuidString)"
        let response = try await client().fetch(HTTPRequest(url: "https://faults.test/flaky?key=\(key)&times=10&status=404", kind: .other))
        #expect(response.status == 404)
        #expect(try await hits(key) == 1)
    }

    @Test func reportsAResetConnectionAsAnError() async {
        let error = await fetchError(client(web.settings(maxRetries: 0)), "https://faults.test/reset")
        #expect(error != nil)
        #expect(error?.code != .refusedAddress)
    }

    @Test func cancellationEndsATransferPromptly() async {
        // The client's own limit (120 s) is above the server's stall (60 s): only cancellation ends it early.
        let client = client(web.settings(totalTimeoutMilliseconds: 120_000))
        let key = "cancel-\(UUID().uuidString)"
        let task = Task { try await client.fetch(HTTPRequest(url: "https://faults.test/slow?ms=60000&key=\(key)", kind: .page)) }
        #expect(await arrived(key), "the request did not reach the server")
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        // Not when the server answers (60 s), with room for a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(30))
        switch result {
        case .success: Issue.record("a cancelled transfer must not succeed")
        case .failure(let error as HTTPError): #expect(error.code == .cancelled, "\(error)")
        case .failure: break
        }
    }

    @Test func spacesTheStartsOfRequestsToOneHost() async throws {
        // Four requests, two at a time, with 300 ms between starts: the last cannot start before
        // 900 ms. A lower bound, so a loaded machine cannot make it fail.
        var settings = web.settings()
        settings.perHostDelayMilliseconds = 300
        let client = client(settings)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<4 {
                group.addTask { _ = try await client.fetch(HTTPRequest(url: "https://faults.test/status/200?p=\(index)", kind: .page)) }
            }
            try await group.waitForAll()
        }
        #expect(ContinuousClock.now - started >= .milliseconds(900))
    }

    @Test func runsManyTransfersConcurrently() async throws {
        let client = client()
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<40 {
                group.addTask { try await client.fetch(HTTPRequest(url: "https://faults.test/status/200?i=\(index)", kind: .page)).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 40)
        #expect(statuses.allSatisfy { $0 == 200 })
    }
}
