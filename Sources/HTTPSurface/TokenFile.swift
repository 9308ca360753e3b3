import Foundation

/// `http-token-file`: who may write. One token a line, `NAME:TOKEN`; `#` starts a comment, blank
/// lines are skipped. NAME is what the audit log records. The file must exist, hold at least one
/// token and be unreadable for users other than its owner and group.
public struct TokenFile: Sendable {
    public let path: String
    /// Token → name.
    private let names: [String: String]

    /// The names, in the file's order (for messages).
    public let tokenNames: [String]

    /// Tokens shorter than this are refused: a guessable token is no protection.
    public static let minimumTokenLength = 16

    public init(path: String) throws(TokenFileError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TokenFileError(path: path, problem: "does not exist or cannot be reached (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw TokenFileError(path: path, problem: "is not a regular file") }
        guard info.st_mode & S_IROTH == 0 else {
            throw TokenFileError(path: path, problem: "is readable by every user; run chmod o-rwx '\(path)' (tokens are secrets)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TokenFileError(path: path, problem: "cannot be read by this user (uid \(getuid()))")
        }
        var names: [String: String] = [:]
        var order: [String] = []
        for (index, rawLine) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            var line = Substring(rawLine)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let lineNumber = index + 1
            guard let colon = text.firstIndex(of: ":") else {
                throw TokenFileError(path: path, problem: "line \(lineNumber) is not NAME:TOKEN")
            }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces)
            let token = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.@".contains($0) }) else {
                throw TokenFileError(path: path, problem: "line \(lineNumber): the name must be letters, digits, '-', '_', '.' or '@'")
            }
            guard token.count >= Self.minimumTokenLength else {
                throw TokenFileError(
                    path: path,
                    problem: "line \(lineNumber): the token of '\(name)' is shorter than \(Self.minimumTokenLength) characters; "
                        + "make one with: head -c 24 /dev/urandom | base64")
            }
            guard names[token] == nil else { throw TokenFileError(path: path, problem: "line \(lineNumber): the same token appears twice") }
            names[token] = name
            order.append(name)
        }
        guard !names.isEmpty else {
            throw TokenFileError(path: path, problem: "holds no token; add a line NAME:TOKEN")
        }
        self.names = names
        tokenNames = order
    }

    /// The name of `token`, nil when it is not in the file. Every token is compared in full, so
    /// the time taken does not tell how much of a guess was right.
    public func name(of token: String) -> String? {
        var found: String?
        let given = Array(token.utf8)
        for (candidate, name) in names where Self.constantTimeEqual(Array(candidate.utf8), given) {
            found = name
        }
        return found
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}

/// Why the token file cannot be used; one sentence naming the file.
public struct TokenFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problem: String
    public var description: String { "http-token-file '\(path)' \(problem)" }
}
