import Foundation
import OrgModel
import Profiles

/// How `orgprofile refresh` shows an outcome: one line for people, or one JSON object.
public enum RefreshLine {
    public struct JSONOutcome: Encodable {
        public var organisationNumber: String
        public var result: String
        public var error: String?
        public var profile: Profile?

        public init(_ outcome: RefreshOutcome) {
            organisationNumber = outcome.organisationNumber
            result = outcome.result.rawValue
            error = outcome.error
            profile = outcome.profile
        }
    }

    /// `991825827 active Digitaliseringsdirektoratet | logo header-home-link | email postmottak@digdir.no | phone 22 45 10 00`
    public static func format(_ outcome: RefreshOutcome) -> String {
        var parts: [String] = []
        switch outcome.result {
        case .cancelled:
            return "\(outcome.organisationNumber) cancelled"
        case .registryFailed, .storeFailed, .notFound:
            return "\(outcome.organisationNumber) \(outcome.result == .notFound ? "NOT-FOUND" : "FAILED") \(outcome.error ?? "")"
        case .removed:
            return "\(outcome.organisationNumber) removed: purged (HTTP 410 from the register)"
        case .written:
            guard let profile = outcome.profile else { return "\(outcome.organisationNumber) written" }
            parts.append("\(profile.organisationNumber) \(profile.status.rawValue) \(profile.name?.display ?? "(no name)")")
            parts.append(
                profile.logo.map { "logo \($0.foundBy)\($0.stale ? " (stale)" : "")" }
                    ?? profile.logoRasterFallback.map {
                        "no logo (raster fallback \($0.format.uppercased()) \($0.width)×\($0.height)\($0.stale ? ", stale" : ""))"
                    } ?? "no logo")
            parts.append(profile.email.map { "email \($0.value)\($0.stale ? " (stale)" : "")" } ?? "no email")
            parts.append(profile.phone.map { "phone \($0.display)\($0.stale ? " (stale)" : "")" } ?? "no phone")
            if !profile.problems.isEmpty { parts.append("problems: " + profile.problems.map(\.code.rawValue).joined(separator: ", ")) }
        }
        return parts.joined(separator: " | ")
    }
}
