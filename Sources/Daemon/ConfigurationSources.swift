import Foundation

/// Where configuration values come from, highest precedence first: command-line flags, then
/// `ORGPROFILE_*` environment variables, then the JSON file, then defaults. Every source uses the
/// same key names (the long flag names: `cache-dir`, `connect-to` …); the environment spells them
/// `ORGPROFILE_CACHE_DIR`, `ORGPROFILE_CONNECT_TO` (lists comma-separated).
public struct ConfigurationSources: Sendable {
    /// Values from command-line flags that were given, by key.
    public var flags: [String: FlagValue]
    public var environment: [String: String]
    /// The file to read; nil reads no file.
    public var filePath: String?
    /// When false a missing file is not an error (the default path need not exist).
    public var fileRequired: Bool

    public enum FlagValue: Sendable, Equatable {
        case text(String)
        case list([String])
        case number(Double)
        case flag(Bool)
    }

    public static let defaultFilePath = "/etc/orgprofile/config.json"

    public init(
        flags: [String: FlagValue] = [:], environment: [String: String] = ProcessInfo.processInfo.environment,
        filePath: String? = nil
    ) {
        self.flags = flags
        self.environment = environment
        self.filePath = filePath ?? Self.defaultFilePath
        self.fileRequired = filePath != nil
    }

    /// The environment variable that overrides `key`.
    public static func environmentName(_ key: String) -> String {
        "ORGPROFILE_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}

/// One key's raw value and where it came from, for typed reads that name both on error.
struct RawValue {
    enum Value {
        case json(JSONValue)
        case environment(String)
        case flag(ConfigurationSources.FlagValue)
    }
    let value: Value
    let source: String
}

/// The merged sources, read key by key with types checked.
struct ConfigurationValues {
    private var file: [String: JSONValue] = [:]
    private let sources: ConfigurationSources
    private let fileLabel: String

    init(_ sources: ConfigurationSources, knownKeys: Set<String>) throws(ConfigurationError) {
        self.sources = sources
        fileLabel = "config file \(sources.filePath ?? "(none)")"
        guard let path = sources.filePath else { return }
        guard let data = FileManager.default.contents(atPath: path) else {
            if !sources.fileRequired && !FileManager.default.fileExists(atPath: path) { return }
            throw ConfigurationError(
                key: "", source: fileLabel,
                problem: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist")
        }
        let object: JSONValue
        do {
            object = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigurationError(key: "", source: fileLabel, problem: "is not valid JSON (\(Self.jsonReason(error)))")
        }
        guard case .object(let dictionary) = object else {
            throw ConfigurationError(key: "", source: fileLabel, problem: "must be a JSON object of keys")
        }
        // JSON readers differ in which of two equal keys they keep; say so instead of picking one.
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            throw ConfigurationError(
                key: duplicate.topLevelKey, source: fileLabel,
                problem: duplicate.depth == 1
                    ? "appears twice in the file; keep one"
                    : "'\(duplicate.key)' appears twice in one object; keep one")
        }
        for key in dictionary.keys.sorted() where !knownKeys.contains(key) {
            throw ConfigurationError(key: key, source: fileLabel, problem: "unknown key (see config/README.md for the keys)")
        }
        file = dictionary
    }

    private static func jsonReason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return ((context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String) ?? context.debugDescription
        }
        return "\(error)"
    }

    func raw(_ key: String) -> RawValue? {
        if let flag = sources.flags[key] { return RawValue(value: .flag(flag), source: "--\(key)") }
        let variable = ConfigurationSources.environmentName(key)
        if let text = sources.environment[variable] { return RawValue(value: .environment(text), source: "environment \(variable)") }
        if let value = file[key], value != .null { return RawValue(value: .json(value), source: fileLabel) }
        return nil
    }

    private func fail(_ key: String, _ raw: RawValue, _ problem: String) -> ConfigurationError {
        ConfigurationError(key: key, source: raw.source, problem: problem)
    }

    func string(_ key: String) throws(ConfigurationError) -> String? {
        guard let raw = raw(key) else { return nil }
        switch raw.value {
        case .flag(.text(let text)), .environment(let text): return text
        case .json(.string(let value)): return value
        default: throw fail(key, raw, "expected a string")
        }
    }

    func strings(_ key: String) throws(ConfigurationError) -> [String]? {
        guard let raw = raw(key) else { return nil }
        switch raw.value {
        case .flag(.list(let list)): return list
        case .flag(.text(let text)): return [text]
        case .environment(let text):
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .json(.string(let value)):
            throw fail(key, raw, "expected a list of strings, such as [\"\(value)\"], not a string")
        case .json(.array(let value)):
            var out: [String] = []
            for item in value {
                guard case .string(let text) = item else { throw fail(key, raw, "expected a list of strings") }
                out.append(text)
            }
            return out
        default: throw fail(key, raw, "expected a list of strings")
        }
    }

    func number(_ key: String, in range: ClosedRange<Double>) throws(ConfigurationError) -> Double? {
        guard let raw = raw(key) else { return nil }
        let number: Double?
        switch raw.value {
        case .flag(.number(let value)): number = value
        case .flag(.text(let text)), .environment(let text): number = Double(text.trimmingCharacters(in: .whitespaces))
        case .json(.number(let value)): number = value
        default: number = nil
        }
        guard let number, number.isFinite else { throw fail(key, raw, "expected a number") }
        guard range.contains(number) else {
            throw fail(key, raw, "\(Self.format(number)) is outside \(Self.format(range.lowerBound))...\(Self.format(range.upperBound))")
        }
        return number
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let value = try number(key, in: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard value == value.rounded() else { throw fail(key, raw(key)!, "expected a whole number") }
        return Int(value)
    }

    func bool(_ key: String) throws(ConfigurationError) -> Bool? {
        guard let raw = raw(key) else { return nil }
        switch raw.value {
        case .flag(.flag(let value)): return value
        case .environment(let text), .flag(.text(let text)):
            switch text.lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw fail(key, raw, "expected true or false, got '\(text)'")
            }
        case .json(.bool(let value)): return value
        default: throw fail(key, raw, "expected true or false")
        }
    }

    /// A list of JSON objects whose values are strings (or lists of strings, joined with commas).
    func queries(_ key: String) throws(ConfigurationError) -> [[String: String]]? {
        guard let raw = raw(key) else { return nil }
        let list: [JSONValue]
        switch raw.value {
        case .json(.array(let value)): list = value
        case .environment(let text), .flag(.text(let text)):
            guard case .array(let parsed)? = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                throw fail(key, raw, "expected a JSON list of objects")
            }
            list = parsed
        default: throw fail(key, raw, "expected a list of objects such as {\"organisasjonsform\": \"STAT,ORGL\"}")
        }
        var out: [[String: String]] = []
        for item in list {
            guard case .object(let object) = item, !object.isEmpty else {
                throw fail(key, raw, "expected a list of objects such as {\"organisasjonsform\": \"STAT,ORGL\"}")
            }
            var query: [String: String] = [:]
            for (name, value) in object {
                if case .string(let text) = value {
                    query[name] = text
                } else if case .array(let items) = value, case let texts = items.compactMap(\.text), texts.count == items.count {
                    query[name] = texts.joined(separator: ",")
                } else {
                    throw fail(key, raw, "query parameter '\(name)' must be a string or a list of strings")
                }
            }
            out.append(query)
        }
        return out
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A JSON document as plain values, so that `true` and `1` stay different things.
enum JSONValue: Decodable, Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var text: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
