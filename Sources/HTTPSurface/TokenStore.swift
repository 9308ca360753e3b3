import Synchronization

/// The token file in force; replaced on reload so tokens can be rotated without a restart.
/// Sessions made with a token that is no longer in the file end.
public final class TokenStore: Sendable {
    private let file: Mutex<TokenFile?>

    public init(_ file: TokenFile?) { self.file = Mutex(file) }

    public func replace(with file: TokenFile?) { self.file.withLock { $0 = file } }

    /// The name of `token`, nil when it is not in the file (or no file is configured).
    public func name(of token: String) -> String? { file.withLock { $0?.name(of: token) } }

    public var isConfigured: Bool { file.withLock { $0 != nil } }

    /// Whether `name` is still in the file.
    public func hasName(_ name: String) -> Bool { file.withLock { $0?.tokenNames.contains(name) ?? false } }
}
