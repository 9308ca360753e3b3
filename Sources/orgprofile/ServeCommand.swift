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
        _ = try serviceOptions.load(operatorOptions)
        do {
            try await OrgProfileDaemon.run(sources: serviceOptions.sources(operatorOptions), extraOrganisations: numbers, logger: logger)
        } catch let error as ConfigurationError {
            printError(error.description)
            throw Exit.config
        }
    }
}
