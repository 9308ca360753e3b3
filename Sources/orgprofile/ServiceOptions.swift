import ArgumentParser
import Daemon
import Foundation
import Registry

/// The flags `serve` and `refresh` share beyond the HTTP ones: where the configuration file is,
/// and the keys an operator most often sets by hand. Each overrides the same key in the file.
struct ServiceOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: "JSON configuration file (default \(ConfigurationSources.defaultFilePath); a missing default file is no error).")
    var configFile: String?

    @Option(
        name: .customLong("state-dir"),
        help: "Directory for the schedule and feed cursor (default: $STATE_DIRECTORY, else /var/lib/orgprofile).")
    var stateDirectory: String?

    @Option(name: .customLong("organisations-file"), help: "A file of organisation numbers, one per line; '#' starts a comment.")
    var organisationsFile: String?

    @Option(name: .customLong("overrides-dir"), help: "Directory of hand-supplied <orgnr>.svg and <orgnr>.json files.")
    var overridesDirectory: String?

    @Option(name: .long, help: "Organisations refreshed at the same time (default 8).")
    var concurrency: Int?

    func sources(_ operatorOptions: OperatorOptions) -> ConfigurationSources {
        var flags = operatorOptions.configurationFlags
        if let stateDirectory { flags["state-dir"] = .text(stateDirectory) }
        if let organisationsFile { flags["organisations-file"] = .text(organisationsFile) }
        if let overridesDirectory { flags["overrides-dir"] = .text(overridesDirectory) }
        if let concurrency { flags["concurrency"] = .number(Double(concurrency)) }
        return ConfigurationSources(flags: flags, filePath: configFile)
    }

    /// Loads the configuration; a bad one is one line on stderr and exit 78.
    func load(_ operatorOptions: OperatorOptions) throws -> DaemonConfiguration {
        do {
            return try DaemonConfiguration.load(sources(operatorOptions))
        } catch {
            printError(error.description)
            throw Exit.config
        }
    }
}
