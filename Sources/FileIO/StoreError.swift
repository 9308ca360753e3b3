import Foundation

/// A file-system failure, with the path and the system's own reason.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let reason: String

    public var description: String { "could not \(operation) \(path): \(reason)" }

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    package static func errno(_ operation: String, _ path: String, _ code: Int32 = Glibc.errno) -> StoreError {
        StoreError(path: path, operation: operation, reason: String(cString: strerror(code)))
    }
}
