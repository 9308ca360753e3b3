import ArgumentParser
import Daemon
import Foundation
import Registry

/// The operator settings shared by `refresh`, `serve` and `inspect`, named like curl's options. Each is
/// a configuration key: the configuration checks them (`DaemonConfiguration.load`), so a bad value
/// is the same one-line error, exit 78, whether it comes from a flag, the environment or the file.
struct OperatorOptions: ParsableArguments {
    @Option(
        name: .customLong("cache-dir"), help: "Directory for profiles and logos (default: $CACHE_DIRECTORY, else /var/cache/orgprofile).")
    var cacheDirectory: String?

    @Option(name: .customLong("registry-url"), help: "Base URL of Enhetsregisteret's API (default \(RegistryClient.defaultBaseURL)).")
    var registryURL: String?

    @Option(
        name: .customLong("resolve"),
        help: ArgumentHelp("Use ADDR for HOST:PORT, like curl --resolve (repeatable).", valueName: "HOST:PORT:ADDR"))
    var resolve: [String] = []

    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to HOST2:PORT2 instead of HOST:PORT, like curl --connect-to (repeatable).", valueName: "HOST:PORT:HOST2:PORT2"))
    var connectTo: [String] = []

    @Option(name: .customLong("cacert"), help: "CA bundle (PEM) to verify servers with instead of the system's.")
    var caFile: String?

    @Option(name: .customLong("proxy"), help: "HTTP(S) proxy URL. Proxy environment variables are ignored unless given here.")
    var proxy: String?

    @Flag(name: .customLong("allow-private-addresses"), help: "Allow connections to private, loopback and other special-purpose addresses.")
    var allowPrivateAddresses = false

    @Option(
        name: .customLong("allow-address-range"),
        help: ArgumentHelp("Allow one special-purpose range (repeatable), e.g. 127.0.0.0/8.", valueName: "CIDR"))
    var allowAddressRanges: [String] = []

    @Option(name: .customLong("connect-timeout"), help: "Seconds to wait for a connection (default 10).")
    var connectTimeout: Double?

    @Option(name: .customLong("max-time"), help: "Seconds one transfer may take in all (default 30).")
    var maxTime: Double?

    @Option(
        name: .customLong("organisation-timeout"),
        help: "Seconds one organisation's website may take in all; then it ends with what was found (default 90).")
    var organisationTimeout: Double?

    @Option(
        name: .customLong("render-time-limit"),
        help: "Seconds one logo may take to draw; a logo that takes longer is not used this time (default 5).")
    var renderTimeLimit: Double?

    /// The flags that were given, under their configuration key names (a flag overrides the file).
    var configurationFlags: [String: ConfigurationSources.FlagValue] {
        var flags: [String: ConfigurationSources.FlagValue] = [:]
        if let cacheDirectory { flags["cache-dir"] = .text(cacheDirectory) }
        if let registryURL { flags["registry-url"] = .text(registryURL) }
        if !resolve.isEmpty { flags["resolve"] = .list(resolve) }
        if !connectTo.isEmpty { flags["connect-to"] = .list(connectTo) }
        if let caFile { flags["cacert"] = .text(caFile) }
        if let proxy { flags["proxy"] = .text(proxy) }
        if allowPrivateAddresses { flags["allow-private-addresses"] = .flag(true) }
        if !allowAddressRanges.isEmpty { flags["allow-address-range"] = .list(allowAddressRanges) }
        if let connectTimeout { flags["connect-timeout"] = .number(connectTimeout) }
        if let maxTime { flags["max-time"] = .number(maxTime) }
        if let organisationTimeout { flags["organisation-timeout"] = .number(organisationTimeout) }
        if let renderTimeLimit { flags["render-time-limit"] = .number(renderTimeLimit) }
        return flags
    }

    var resolvedCacheDirectory: String {
        if let cacheDirectory { return cacheDirectory }
        if let fromSystemd = ProcessInfo.processInfo.environment["CACHE_DIRECTORY"], !fromSystemd.isEmpty {
            // systemd may pass several, separated by ':'; the first is ours.
            return String(fromSystemd.split(separator: ":").first ?? "")
        }
        return "/var/cache/orgprofile"
    }
}

/// Parses organisation numbers, reporting every bad one before anything is fetched.
func parseOrganisationNumbers(_ inputs: [String]) throws -> [OrganisationNumber] {
    var numbers: [OrganisationNumber] = []
    var seen: Set<OrganisationNumber> = []
    var bad = false
    for input in inputs {
        do {
            let number = try OrganisationNumber(validating: input)
            if seen.insert(number).inserted { numbers.append(number) }
        } catch {
            printError(error.description)
            bad = true
        }
    }
    if bad { throw Exit.dataError }
    return numbers
}
