/// What became of a logo candidate in a refresh (`outcome` of discovery's evaluated candidates, in
/// discovery records and `inspect --json`). Encodes as its plain string, as it did when it was one.
public struct CandidateOutcome: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// An SVG the validator accepted.
    public static let accepted = CandidateOutcome(rawValue: "accepted")
    /// An SVG the validator refused.
    public static let rejected = CandidateOutcome(rawValue: "rejected")
    /// PNG, JPEG, ICO…: by its bytes or, when not fetched, by its declared type or file extension.
    public static let raster = CandidateOutcome(rawValue: "raster")
    /// A safe SVG that only wraps a PNG or JPEG; never chosen as the logo.
    public static let rasterInSVG = CandidateOutcome(rawValue: "raster-in-svg")
    /// Neither SVG nor raster: an HTML error page, unknown bytes.
    public static let notSVG = CandidateOutcome(rawValue: "not-svg")
    /// A transport error or a status other than 2xx.
    public static let unreachable = CandidateOutcome(rawValue: "unreachable")
    /// Below the fetch budget, or scored too low to be worth a fetch.
    public static let notFetched = CandidateOutcome(rawValue: "not-fetched")
}
