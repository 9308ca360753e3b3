import FileIO
import Foundation

/// Why a review write was refused or failed, as one sentence a person can act on, and, for a
/// rejected logo, the validator's findings as sentences.
public struct ReviewError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The request's values cannot be used (a bad number, field, date, address, logo): 400.
        case badInput
        /// No profile for the organisation (approve needs one): 404.
        case notFound
        /// The server is not configured for this write (supply without `overrides-dir`).
        case notConfigured
        /// A file could not be read or written: the server's fault, 500.
        case store
    }

    public let kind: Kind
    public let message: String
    /// The rejected logo's findings, one sentence each (`line 3: … (security.script)`).
    public let findings: [String]

    public init(_ kind: Kind, _ message: String, findings: [String] = []) {
        self.kind = kind
        self.message = message
        self.findings = findings
    }

    public var description: String { findings.isEmpty ? message : "\(message): \(findings.joined(separator: "; "))" }

    static func store(_ error: StoreError) -> ReviewError { ReviewError(.store, error.description) }
}
