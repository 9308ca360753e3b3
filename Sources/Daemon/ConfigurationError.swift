import Registry

/// A configuration value orgprofile cannot use. `description` is one line naming the key and
/// where it came from, so an operator can fix it without reading code. Control characters from
/// the file or the environment are shown escaped (`\r`, `\u{1B}`), never passed to the terminal.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    public let key: String
    /// `config file /etc/orgprofile/config.json`, `environment ORGPROFILE_CONCURRENCY`, `--concurrency`.
    public let source: String
    public let problem: String

    public init(key: String, source: String, problem: String) {
        self.key = key
        self.source = source
        self.problem = problem
    }

    public var description: String {
        (key.isEmpty ? "\(source): \(problem)" : "\(source): key '\(key)': \(problem)").visiblyEscaped
    }
}
