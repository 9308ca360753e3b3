/// Operator settings for every transfer. Names follow curl's own options so an operator who
/// knows `curl --resolve` knows these.
public struct HTTPSettings: Sendable {
    /// Sent on every request. Honest: names the tool and where to read about it.
    public var userAgent: String
    /// `CURLOPT_CONNECTTIMEOUT_MS`.
    public var connectTimeoutMilliseconds: Int
    /// `CURLOPT_TIMEOUT_MS`: the whole transfer, redirects included.
    public var totalTimeoutMilliseconds: Int
    /// `CURLOPT_MAXREDIRS`.
    public var maxRedirects: Int
    /// `--resolve HOST:PORT:ADDR[,ADDR]...` entries (`CURLOPT_RESOLVE`).
    public var resolve: [String]
    /// `--connect-to HOST:PORT:HOST2:PORT2` entries (`CURLOPT_CONNECT_TO`).
    public var connectTo: [String]
    /// `--cacert FILE`: CA bundle used instead of the system's.
    public var caFile: String?
    /// `--proxy URL`. When nil, proxy environment variables are ignored on purpose.
    public var proxy: String?
    /// Which addresses curl may connect to (checked on every hop, before the socket exists).
    public var addressGuard: AddressGuard
    /// Extra attempts after a timeout, a 429 or a 5xx.
    public var maxRetries: Int
    /// First backoff delay; doubles each attempt.
    public var retryBaseDelayMilliseconds: Int
    /// A `Retry-After` longer than this is not waited for: the response is returned as it is.
    public var maxRetryAfterSeconds: Int
    /// Transfers to one host at a time.
    public var maxConcurrentPerHost: Int
    /// Least time between the starts of two requests to one host (politeness); 0 for none.
    public var perHostDelayMilliseconds: Int

    public static let defaultUserAgent =
        "orgprofile/0.1 (+https://github.com/orgprofile/orgprofile; sender-profile collector for Norwegian public bodies)"

    public init(
        userAgent: String = HTTPSettings.defaultUserAgent,
        connectTimeoutMilliseconds: Int = 10_000,
        totalTimeoutMilliseconds: Int = 30_000,
        maxRedirects: Int = 8,
        resolve: [String] = [],
        connectTo: [String] = [],
        caFile: String? = nil,
        proxy: String? = nil,
        addressGuard: AddressGuard = AddressGuard(),
        maxRetries: Int = 2,
        retryBaseDelayMilliseconds: Int = 500,
        maxRetryAfterSeconds: Int = 30,
        maxConcurrentPerHost: Int = 2,
        perHostDelayMilliseconds: Int = 100
    ) {
        self.userAgent = userAgent
        self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
        self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
        self.maxRedirects = maxRedirects
        self.resolve = resolve
        self.connectTo = connectTo
        self.caFile = caFile
        self.proxy = proxy
        self.addressGuard = addressGuard
        self.maxRetries = maxRetries
        self.retryBaseDelayMilliseconds = retryBaseDelayMilliseconds
        self.maxRetryAfterSeconds = maxRetryAfterSeconds
        self.maxConcurrentPerHost = maxConcurrentPerHost
        self.perHostDelayMilliseconds = perHostDelayMilliseconds
    }
}
