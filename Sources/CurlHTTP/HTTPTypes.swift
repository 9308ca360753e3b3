import Foundation

/// What is being fetched; decides the body cap and the `Accept` header defaults.
public enum ResourceKind: String, Sendable, CaseIterable {
    /// A register lookup (a few KB of JSON).
    case registry
    /// An HTML page of an organisation's website.
    case page
    /// A logo or icon file.
    case image
    /// Anything else small (manifests, JSON-LD documents).
    case other

    /// Largest body accepted for this kind; a larger one ends the transfer with `bodyTooLarge`.
    public var defaultBodyLimit: Int {
        switch self {
        case .registry: return 2 * 1024 * 1024
        case .page: return 5 * 1024 * 1024
        case .image: return 1024 * 1024
        case .other: return 512 * 1024
        }
    }
}

/// One HTTP GET.
public struct HTTPRequest: Sendable {
    public var url: String
    public var kind: ResourceKind
    /// Extra request headers, in order (`Accept`, `Accept-Language`, ...).
    public var headers: [(name: String, value: String)]
    /// Overrides `kind.defaultBodyLimit` when set.
    public var bodyLimit: Int?

    public init(url: String, kind: ResourceKind, headers: [(name: String, value: String)] = [], bodyLimit: Int? = nil) {
        self.url = url
        self.kind = kind
        self.headers = headers
        self.bodyLimit = bodyLimit
    }
}

/// A completed transfer: any HTTP status counts as completed, including 4xx and 5xx.
public struct HTTPResponse: Sendable {
    public let status: Int
    /// Headers of the final response (after redirects), names lower-cased, in order.
    public let headers: [(name: String, value: String)]
    public let body: Data
    /// The URL of the final response after redirects.
    public let effectiveURL: String
    public let redirectCount: Int
    /// True when the server answered `304 Not Modified` to a conditional request and this 200 was
    /// rebuilt from a stored copy (see `RevalidatingCache`); the body did not cross the network.
    public let revalidated: Bool

    public init(
        status: Int, headers: [(name: String, value: String)], body: Data, effectiveURL: String, redirectCount: Int,
        revalidated: Bool = false
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
        self.redirectCount = redirectCount
        self.revalidated = revalidated
    }

    /// The last value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last(where: { $0.name == lower })?.value
    }
}

/// Why a transfer did not complete.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String {
            case invalidURL, unsupportedScheme, refusedAddress, couldNotResolve,
                couldNotConnect, timedOut, tlsFailure, tooManyRedirects, bodyTooLarge, transport, cancelled
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public static let invalidURL = Code(.invalidURL)
        public static let unsupportedScheme = Code(.unsupportedScheme)
        /// The address guard refused the address curl was about to connect to.
        public static let refusedAddress = Code(.refusedAddress)
        public static let couldNotResolve = Code(.couldNotResolve)
        public static let couldNotConnect = Code(.couldNotConnect)
        public static let timedOut = Code(.timedOut)
        public static let tlsFailure = Code(.tlsFailure)
        public static let tooManyRedirects = Code(.tooManyRedirects)
        public static let bodyTooLarge = Code(.bodyTooLarge)
        public static let transport = Code(.transport)
        public static let cancelled = Code(.cancelled)
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let url: String
    /// One sentence a person can act on.
    public let message: String

    public init(code: Code, url: String, message: String) {
        self.code = code
        self.url = url
        self.message = message
    }

    public var description: String { "\(url): \(message)" }

    /// Timeouts are worth another try; refusals and caps are not.
    public var isTransient: Bool {
        code == .timedOut || code == .couldNotConnect || code == .transport
    }
}

/// The seam between the stages and the network. The production implementation is `CurlHTTPClient`;
/// tests use the same client against the loopback test web.
public protocol HTTPFetching: Sendable {
    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse
}
