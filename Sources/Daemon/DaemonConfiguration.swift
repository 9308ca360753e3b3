import CurlHTTP
import Discovery
import Foundation
internal import HTTPCache
import HTTPSurface
import Profiles
import Registry

/// Everything `serve` and `refresh` are configured with. Keys are the long flag names; each is
/// documented key by key in `config/README.md`.
public struct DaemonConfiguration: Sendable {
    /// `cache-dir` (string): profiles and logos. Default `$CACHE_DIRECTORY`, else `/var/cache/orgprofile`.
    public var cacheDirectory: String
    /// `state-dir` (string): due times, the feed cursor and the HTTP revalidation cache. Default
    /// `$STATE_DIRECTORY`, else `/var/lib/orgprofile`.
    public var stateDirectory: String
    /// True when `state-dir` was configured or systemd passed `$STATE_DIRECTORY`; false when it is
    /// the built-in default (then `refresh` keeps no HTTP cache rather than write to /var/lib).
    public var stateDirectoryConfigured: Bool = true
    /// `http-cache-size` (megabytes, 0...1 048 576, default 2048): disk the HTTP revalidation cache
    /// (`<state-dir>/http-cache`, validators and bodies of website pages and logos) may use; least
    /// recently used entries go beyond it. 0 turns conditional requests off.
    public var httpCacheMegabytes: Int = RevalidatingCache.defaultLimitMegabytes
    /// `overrides-dir` (string, optional): hand-supplied `<orgnr>.svg` / `<orgnr>.json`.
    public var overridesDirectory: String?
    /// `organisations` (list of organisation numbers).
    public var organisations: [OrganisationNumber]
    /// `organisations-file` (string, optional): one number per line, `#` comments.
    public var organisationsFile: String?
    /// `organisation-queries` (list of objects of register search parameters).
    public var organisationQueries: [[String: String]]
    /// `refresh-interval` (seconds, 1...31 536 000, default 86 400).
    public var refreshInterval: Double
    /// `refresh-jitter` (seconds, 0...refresh-interval, default a tenth of the interval).
    public var refreshJitter: Double
    /// `retry-delay` (seconds, 1...86 400, default 300): first wait after a failure; doubles per failure.
    public var retryDelay: Double
    /// `concurrency` (1...256, default 8): organisations refreshed at the same time.
    public var concurrency: Int
    /// `per-host-concurrency` (1...16, default 2).
    public var perHostConcurrency: Int
    /// `feed` (bool, default true): follow the register's update feed.
    public var followFeed: Bool
    /// `feed-interval` (seconds, 1...86 400, default 300).
    public var feedInterval: Double
    /// `wikidata` (bool, default true): when a site gives no acceptable SVG logo, ask Wikidata for the
    /// organisation's logo (P154) or coat of arms (P94) by its organisation number (P2333).
    public var wikidata: Bool
    /// `organisation-timeout` (seconds, 0.1...86 400, default 90): time for one organisation's
    /// website, all requests together; then the refresh ends with what it found (`site.timeout`).
    public var organisationTimeout: Double = 90
    /// `render-time-limit` (seconds, 0.1...3600, default 5): time one logo may take to draw (wall
    /// clock); a logo that takes longer is not used this time (`usability.render-timeout`).
    public var renderTimeLimit: Double = 5

    /// Discovery's settings from this configuration.
    public var discoveryOptions: DiscoveryOptions {
        var options = DiscoveryOptions()
        options.useWikidata = wikidata
        options.organisationTimeout = .milliseconds(Int(organisationTimeout * 1000))
        options.renderTimeLimit = .milliseconds(Int(renderTimeLimit * 1000))
        return options
    }
    /// `registry-url` (string, default https://data.brreg.no/enhetsregisteret/api).
    public var registryURL: String
    /// The HTTP keys: `resolve`, `connect-to`, `cacert`, `proxy`, `allow-private-addresses`,
    /// `allow-address-range`, `connect-timeout`, `max-time`, `per-host-concurrency`, `per-host-delay`
    /// (seconds between the starts of two requests to one host, 0...60, default 0.1).
    public var http: HTTPSettings
    /// The HTTP keys' values as given: equal fingerprints mean the same HTTP settings, so a
    /// reload keeps its HTTP client (each client owns a curl multi thread for its lifetime).
    public var httpFingerprint: String
    /// `http-listen` (`HOST:PORT`, `:PORT` or `[IPv6]:PORT`, optional): turns the HTTP surface of
    /// `serve` on (`/profiles`, `/logos`, `/metrics`, `/review` …); off when unset. The host is an IP
    /// address or `localhost`, default 127.0.0.1; port 0 lets the kernel choose (the log names it).
    /// A non-loopback address needs `http-token-file`. Read at start only: a reload keeps the
    /// listener it has and warns when the value changed.
    public var httpListen: ListenAddress? = nil
    /// `http-token-file` (string, optional): `NAME:TOKEN` lines for writes (review actions); must
    /// exist, hold a token and not be readable by other users. Read again on reload.
    public var httpTokenFile: TokenFile? = nil

    /// Every key a config file may hold.
    public static let keys: Set<String> = [
        "cache-dir", "state-dir", "overrides-dir", "organisations", "organisations-file", "organisation-queries",
        "refresh-interval", "refresh-jitter", "retry-delay", "concurrency", "per-host-concurrency", "per-host-delay", "feed",
        "feed-interval", "wikidata", "registry-url", "resolve", "connect-to", "cacert", "proxy",
        "allow-private-addresses", "allow-address-range", "connect-timeout", "max-time", "http-cache-size",
        "organisation-timeout", "render-time-limit", "http-listen", "http-token-file",
    ]

    /// Reads and checks every key; the first bad one is the error.
    public static func load(_ sources: ConfigurationSources) throws(ConfigurationError) -> DaemonConfiguration {
        let values = try ConfigurationValues(sources, knownKeys: keys)
        let environment = sources.environment
        func systemdDirectory(_ variable: String, _ fallback: String) -> String {
            // systemd may pass several, separated by ':'; the first is ours.
            if let value = environment[variable], let first = value.split(separator: ":").first { return String(first) }
            return fallback
        }
        func directory(_ key: String) throws(ConfigurationError) -> String? {
            guard let path = try values.string(key) else { return nil }
            guard !path.isEmpty else { throw ConfigurationError(key: key, source: values.raw(key)!.source, problem: "must not be empty") }
            return path
        }

        var organisations: [OrganisationNumber] = []
        var seen: Set<OrganisationNumber> = []
        for text in try values.strings("organisations") ?? [] {
            do {
                let number = try OrganisationNumber(validating: text)
                if seen.insert(number).inserted { organisations.append(number) }
            } catch {
                throw ConfigurationError(key: "organisations", source: values.raw("organisations")!.source, problem: error.description)
            }
        }
        let interval = try values.number("refresh-interval", in: 1...31_536_000) ?? 86_400
        let jitter = try values.number("refresh-jitter", in: 0...31_536_000) ?? interval / 10
        if jitter > interval {
            throw ConfigurationError(
                key: "refresh-jitter", source: values.raw("refresh-jitter")!.source,
                problem: "must not exceed refresh-interval (\(ConfigurationValues.format(interval)) s)")
        }

        let ranges = try values.strings("allow-address-range") ?? []
        var parsedRanges: [CIDRRange] = []
        for range in ranges {
            guard let parsed = CIDRRange(range) else {
                throw ConfigurationError(
                    key: "allow-address-range", source: values.raw("allow-address-range")!.source,
                    problem: "'\(range)' is not a CIDR range such as 127.0.0.0/8 or fd00::/8")
            }
            parsedRanges.append(parsed)
        }
        let resolve = try values.strings("resolve") ?? []
        for entry in resolve where entry.split(separator: ":", omittingEmptySubsequences: false).count < 3 {
            throw ConfigurationError(key: "resolve", source: values.raw("resolve")!.source, problem: "'\(entry)' is not HOST:PORT:ADDR")
        }
        let connectTo = try values.strings("connect-to") ?? []
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ConfigurationError(
                key: "connect-to", source: values.raw("connect-to")!.source, problem: "'\(entry)' is not HOST:PORT:HOST2:PORT2")
        }
        let caFile = try values.string("cacert")
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ConfigurationError(key: "cacert", source: values.raw("cacert")!.source, problem: "'\(caFile)' cannot be read")
        }
        let registryURL = try values.string("registry-url") ?? RegistryClient.defaultBaseURL
        guard let scheme = URLComponents(string: registryURL)?.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw ConfigurationError(
                key: "registry-url", source: values.raw("registry-url")!.source, problem: "'\(registryURL)' is not an http(s) URL")
        }
        let perHost = try values.integer("per-host-concurrency", in: 1...16) ?? 2
        let perHostDelay = try values.number("per-host-delay", in: 0...60) ?? 0.1
        let connectTimeout = try values.number("connect-timeout", in: 0.1...600) ?? 10
        let maxTime = try values.number("max-time", in: 0.1...3600) ?? 30
        let proxy = try values.string("proxy")
        let allowPrivate = try values.bool("allow-private-addresses") ?? false
        let http = HTTPSettings(
            connectTimeoutMilliseconds: Int(connectTimeout * 1000), totalTimeoutMilliseconds: Int(maxTime * 1000),
            resolve: resolve, connectTo: connectTo, caFile: caFile, proxy: proxy,
            addressGuard: AddressGuard(allowPrivateAddresses: allowPrivate, allowedRanges: parsedRanges),
            maxConcurrentPerHost: perHost, perHostDelayMilliseconds: Int(perHostDelay * 1000))
        let fingerprint = [
            resolve.joined(separator: ","), connectTo.joined(separator: ","), caFile ?? "", proxy ?? "",
            String(allowPrivate), ranges.joined(separator: ","), "\(connectTimeout)", "\(maxTime)", "\(perHost)", "\(perHostDelay)",
        ]
        .joined(separator: "|")

        let stateDirectory = try directory("state-dir")
        var httpListen: ListenAddress?
        if let text = try values.string("http-listen") {
            do {
                httpListen = try ListenAddress(parsing: text)
            } catch {
                throw ConfigurationError(key: "http-listen", source: values.raw("http-listen")!.source, problem: error.description)
            }
        }
        var tokenFile: TokenFile?
        if let path = try directory("http-token-file") {
            do {
                tokenFile = try TokenFile(path: path)
            } catch {
                throw ConfigurationError(
                    key: "http-token-file", source: values.raw("http-token-file")!.source,
                    problem: "'\(path)' \(error.problem)")
            }
        }
        if let httpListen, !httpListen.isLoopback, tokenFile == nil {
            throw ConfigurationError(
                key: "http-listen", source: values.raw("http-listen")!.source,
                problem:
                    "\(httpListen) can be reached from other hosts, so writes need tokens: set http-token-file "
                    + "(or listen on 127.0.0.1 behind a reverse proxy)")
        }
        return DaemonConfiguration(
            cacheDirectory: try directory("cache-dir") ?? systemdDirectory("CACHE_DIRECTORY", "/var/cache/orgprofile"),
            stateDirectory: stateDirectory ?? systemdDirectory("STATE_DIRECTORY", "/var/lib/orgprofile"),
            stateDirectoryConfigured: stateDirectory != nil || environment["STATE_DIRECTORY"] != nil,
            httpCacheMegabytes: try values.integer("http-cache-size", in: 0...1_048_576) ?? RevalidatingCache.defaultLimitMegabytes,
            overridesDirectory: try directory("overrides-dir"),
            organisations: organisations,
            organisationsFile: try directory("organisations-file"),
            organisationQueries: try values.queries("organisation-queries") ?? [],
            refreshInterval: interval, refreshJitter: jitter,
            retryDelay: try values.number("retry-delay", in: 1...86_400) ?? 300,
            concurrency: try values.integer("concurrency", in: 1...256) ?? 8,
            perHostConcurrency: perHost,
            followFeed: try values.bool("feed") ?? true,
            feedInterval: try values.number("feed-interval", in: 1...86_400) ?? 300,
            wikidata: try values.bool("wikidata") ?? true,
            organisationTimeout: try values.number("organisation-timeout", in: 0.1...86_400) ?? 90,
            renderTimeLimit: try values.number("render-time-limit", in: 0.1...3600) ?? 5,
            registryURL: registryURL, http: http, httpFingerprint: fingerprint,
            httpListen: httpListen, httpTokenFile: tokenFile)
    }

    /// The fetcher for website pages and logos: `http` behind the HTTP revalidation cache in the
    /// state directory; `http` itself when `http-cache-size` is 0, or when the cache directory
    /// cannot be used (then `problem` hears why, and every page and logo is fetched in full).
    public func siteFetcher(wrapping http: any HTTPFetching, problem: (String) -> Void) -> any HTTPFetching {
        guard httpCacheMegabytes > 0 else { return http }
        do {
            return try RevalidatingCache(
                wrapping: http, directory: RevalidatingCache.directory(inStateDirectory: stateDirectory),
                limitBytes: httpCacheMegabytes * 1024 * 1024)
        } catch {
            problem("HTTP cache off, every page and logo is fetched in full: \(error)")
            return http
        }
    }

    /// The organisations named directly: `organisations` plus the `organisations-file`.
    public func listedOrganisations() throws(ConfigurationError) -> [OrganisationNumber] {
        guard let organisationsFile else { return organisations }
        guard let data = FileManager.default.contents(atPath: organisationsFile) else {
            throw ConfigurationError(
                key: "organisations-file", source: "organisations-file", problem: "'\(organisationsFile)' cannot be read")
        }
        var numbers = organisations
        var seen = Set(organisations)
        for number in try Self.organisationNumbers(inFile: data, path: organisationsFile) where seen.insert(number).inserted {
            numbers.append(number)
        }
        return numbers
    }

    /// One number per line, `#` starts a comment, blank lines are skipped. Lines end in LF or
    /// CRLF and a UTF-8 byte order mark is skipped: what Windows editors write. Linear in the
    /// file's size (split on bytes, duplicates found through a set).
    static func organisationNumbers(inFile data: Data, path: String) throws(ConfigurationError) -> [OrganisationNumber] {
        let bytes = [UInt8](data)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        var start = bytes.starts(with: bom) ? bom.count : 0
        var numbers: [OrganisationNumber] = []
        var seen: Set<OrganisationNumber> = []
        var lineNumber = 0
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var line = bytes[start..<end]
            start = end + 1
            if let comment = line.firstIndex(of: UInt8(ascii: "#")) { line = line[..<comment] }
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            let text = String(decoding: line, as: UTF8.self)
            if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) { continue }
            do {
                let number = try OrganisationNumber(validating: text)
                if seen.insert(number).inserted { numbers.append(number) }
            } catch {
                throw ConfigurationError(key: "organisations-file", source: "\(path) line \(lineNumber)", problem: error.description)
            }
        }
        return numbers
    }
}
