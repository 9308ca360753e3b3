import Foundation

/// Checks a JSON value against the subset of JSON Schema (2020-12) that `docs/profile.schema.json`
/// uses: type, required, properties, additionalProperties: false, enum, const, pattern, items,
/// minimum/maximum, `$ref` into `$defs`. Returns one line per violation, with its JSON pointer.
public struct JSONSchemaCheck {
    let root: [String: Any]

    public init(schemaFile: URL) throws {
        root = try JSONSerialization.jsonObject(with: Data(contentsOf: schemaFile)) as? [String: Any] ?? [:]
    }

    public static var profileSchema: URL { TestWeb.repositoryRoot.appendingPathComponent("docs/profile.schema.json") }

    public func violations(_ data: Data) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        var found: [String] = []
        check(value, against: root, at: "", into: &found)
        return found
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return schema }
        let name = String(ref.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    private func check(_ value: Any, against rawSchema: [String: Any], at pointer: String, into found: inout [String]) {
        let schema = resolve(rawSchema)
        if let constant = schema["const"], !((constant as? NSObject)?.isEqual(value) ?? false) {
            found.append("\(pointer): expected \(constant)")
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { ($0 as? NSObject)?.isEqual(value) ?? false }) {
            found.append("\(pointer): \(value) is not one of \(options)")
        }
        if let type = schema["type"] as? String, !matches(value, type: type) {
            found.append("\(pointer): expected \(type), found \(Swift.type(of: value))")
            return
        }
        if let string = value as? String, let pattern = schema["pattern"] as? String {
            if string.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(pointer): '\(string)' does not match \(pattern)")
            }
        }
        if let number = value as? NSNumber, !isBoolean(value) {
            if let minimum = schema["minimum"] as? Double, number.doubleValue < minimum { found.append("\(pointer): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number.doubleValue > maximum { found.append("\(pointer): above \(maximum)") }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(pointer)/\(key): required but missing")
            }
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    check(child, against: childSchema, at: "\(pointer)/\(key)", into: &found)
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(pointer)/\(key): not declared in the schema")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { check(element, against: items, at: "\(pointer)/\(index)", into: &found) }
        }
    }

    /// JSONSerialization on Linux gives booleans their own NSNumber subclass.
    private func isBoolean(_ value: Any) -> Bool {
        String(describing: Swift.type(of: value)).contains("Boolean") || Swift.type(of: value) == Bool.self
    }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return isBoolean(value)
        case "integer": return (value as? NSNumber).map { !isBoolean(value) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return value is NSNumber && !isBoolean(value)
        default: return false
        }
    }
}
