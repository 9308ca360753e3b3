import ArgumentParser
import Daemon
import Foundation
import Logging
import Registry

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the daemon: keep every configured organisation's profile fresh (systemd Type=notify).",
        discussion: "SIGHUP reloads the configuration; SIGTERM lets refreshes in flight finish and exits 0. A bad configuration exits 78.")

    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var serviceOptions: ServiceOptions

    @Option(
        name: .customLong("http-listen"),
        help: "Turn the HTTP surface on: HOST:PORT, :PORT (host 127.0.0.1) or [IPv6]:PORT; port 0 picks one (config key http-listen).")
    var httpListen: String?

    @Option(name: .customLong("http-token-file"), help: "NAME:TOKEN lines allowed to write (review actions) (config key http-token-file).")
    var httpTokenFile: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error (default info).")
    var logLevel: String = "info"

    @Argument(help: "Organisation numbers to track in addition to the configured ones.")
    var organisationNumbers: [String] = []

    func run() async throws {
        let numbers = try parseOrganisationNumbers(organisationNumbers)
        guard let level = Logger.Level(rawValue: logLevel) else {
            printError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error")
            throw Exit.usage
        }
        var logger = Logger(label: "orgprofile") { JournalLogHandler(label: $0) }
        logger.logLevel = level
        var sources = serviceOptions.sources(operatorOptions)
        if let httpListen { sources.flags["http-listen"] = .text(httpListen) }
        if let httpTokenFile { sources.flags["http-token-file"] = .text(httpTokenFile) }
        do {
            _ = try DaemonConfiguration.load(sources)
        } catch {
            printError(error.description)
            throw Exit.config
        }
        do {
            try await OrgProfileDaemon.run(sources: sources, extraOrganisations: numbers, logger: logger)
        } catch let error as ConfigurationError {
            printError(error.description)
            throw Exit.config
        }
    }
}
