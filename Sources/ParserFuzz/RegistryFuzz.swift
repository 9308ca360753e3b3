import CurlHTTP
import Dispatch
import Foundation
import Registry

/// Response bodies → the register client's decoding, through its public entry points (so the
/// target survives refactoring): an entry lookup (200, 410, 400, 500), a search page, a batch
/// lookup and an update-feed page. A fetcher that returns the fuzz input stands in for the network.
enum RegistryFuzz {
    private static let number = try! OrganisationNumber(validating: "974760673")

    static func run(_ input: UnsafeRawBufferPointer) {
        let body = Data(input)
        let outcome = outcome(of: body)
        precondition(outcome == self.outcome(of: body), "register decoding is not deterministic")
    }

    /// Everything the client made of one body, as text, for the determinism check.
    private static func outcome(of body: Data) -> String {
        var lines: [String] = []
        for status in [200, 410, 400, 503] {
            let client = RegistryClient(http: FixedResponse(status: status, body: body))
            lines.append(describe(blocking { try await client.lookup(number) }))
        }
        let client = RegistryClient(http: FixedResponse(status: 200, body: body))
        lines.append(describe(blocking { try await client.search(["organisasjonsform": "STAT"]) }))
        lines.append(describe(blocking { try await client.batchLookup([number]) }))
        lines.append(describe(blocking { try await client.updates(from: .fromID(1)) }))
        return lines.joined(separator: "\n")
    }

    private static func describe<T>(_ result: Result<T, any Error>) -> String {
        switch result {
        case .success(let value): return "\(value)"
        case .failure(let error):
            let message = "\(error)"
            precondition(!message.isEmpty, "an error without a message")
            return message
        }
    }

    /// Runs async client code to completion from libFuzzer's synchronous callback.
    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.result!
    }
}

/// Written by one task, read after the semaphore says it finished.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// Answers every request with the same status and body.
private struct FixedResponse: HTTPFetching {
    let status: Int
    let body: Data

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(
            status: status, headers: [(name: "content-type", value: "application/json")], body: body,
            effectiveURL: request.url, redirectCount: 0)
    }
}
