import Foundation

/// Finds a key that appears twice in one object of a JSON document: JSONDecoder keeps one of
/// them without a word. Runs over text that has already parsed as JSON, so it only follows
/// strings and nesting.
enum JSONDuplicateKeys {
    struct Duplicate: Equatable {
        /// The repeated key, unescaped.
        var key: String
        /// The key of the top-level object it sits under (the key itself at the top level).
        var topLevelKey: String
        /// 1 for the top-level object, 2 and more inside it.
        var depth: Int
    }

    private enum Container {
        case object(keys: Set<String>, expectingKey: Bool)
        case array
    }

    static func first(in data: Data) -> Duplicate? {
        let bytes = [UInt8](data)
        var stack: [Container] = []
        var topLevelKey = ""
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index
                var escaped = false
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") {
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                if case .object(var keys, expectingKey: true)? = stack.last {
                    let key = Self.key(bytes[start...min(index, bytes.count - 1)], escaped: escaped)
                    if stack.count == 1 { topLevelKey = key }
                    if !keys.insert(key).inserted { return Duplicate(key: key, topLevelKey: topLevelKey, depth: stack.count) }
                    stack[stack.count - 1] = .object(keys: keys, expectingKey: false)
                }
            case UInt8(ascii: "{"): stack.append(.object(keys: [], expectingKey: true))
            case UInt8(ascii: "["): stack.append(.array)
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
            case UInt8(ascii: ","):
                if case .object(let keys, _)? = stack.last { stack[stack.count - 1] = .object(keys: keys, expectingKey: true) }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A string token with its quotes; escapes (`\u002d`, `\"`) are decoded by JSONDecoder itself.
    private static func key(_ token: ArraySlice<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: token.dropFirst().dropLast(), as: UTF8.self) }
        let list = Data([UInt8(ascii: "[")] + token + [UInt8(ascii: "]")])
        return (try? JSONDecoder().decode([String].self, from: list).first) ?? String(decoding: token, as: UTF8.self)
    }
}
