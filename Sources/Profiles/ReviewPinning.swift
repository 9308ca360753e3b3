import Foundation
import OrgModel

extension ProfileAssembler {
    /// Keeps each approved value the refresh did not find again: the previous profile's value
    /// (with its files, which stay named and so are not swept) replaces what discovery found, and
    /// a `review.changed-since-approval` problem names what the site shows now. Returns the
    /// fields whose found value differs from the approved one.
    func pin(
        _ approvals: ReviewApprovals, previous: Profile?, profile: inout Profile, logoBytes: inout Data?,
        renditionBytes: inout [String: Data], problems: inout [Profile.Problem]
    ) -> [ReviewField] {
        var changed: [ReviewField] = []
        if let approval = approvals.logo, let key = approval.key, profile.logo?.sha256 != key {
            changed.append(.logo)
            let found = profile.logo
            if var kept = previous?.logo, kept.sha256 == key {
                kept.stale = false
                profile.logo = kept
                logoBytes = nil
                renditionBytes = [:]
                // Problems about the logo discovery chose do not apply to the approved one.
                problems.removeAll { $0.code.rawValue.hasPrefix("logo.") }
                problems.append(
                    Profile.Problem(
                        code: .reviewChangedSinceApproval,
                        message: "the site now shows another logo (\(found.map(Self.describe) ?? "none usable")); the logo approved by "
                            + "\(approval.by) on \(approval.at.formatted(Self.dayFormat)) is kept: supply the new one to use it"))
            } else {
                problems.append(
                    Profile.Problem(
                        code: .reviewChangedSinceApproval,
                        message: "the logo approved by \(approval.by) on \(approval.at.formatted(Self.dayFormat)) "
                            + "(sha256 \(key.prefix(16))) is no longer in the cache and cannot be kept; approve or supply one again"))
            }
        }
        if let approval = approvals.email, let key = approval.key, profile.email?.value != key {
            changed.append(.email)
            let found = profile.email?.value
            if var kept = previous?.email, kept.value == key {
                kept.stale = false
                profile.email = kept
            }
            problems.append(
                Profile.Problem(
                    code: .reviewChangedSinceApproval,
                    message: "the site now gives the email \(found.map { "'\($0)'" } ?? "nothing"); the approved '\(key)' "
                        + (profile.email?.value == key ? "is kept" : "is no longer known and cannot be kept")))
        }
        if let approval = approvals.phone, let key = approval.key, profile.phone?.e164 != key {
            changed.append(.phone)
            let found = profile.phone?.display
            if var kept = previous?.phone, kept.e164 == key {
                kept.stale = false
                profile.phone = kept
            }
            problems.append(
                Profile.Problem(
                    code: .reviewChangedSinceApproval,
                    message: "the site now gives the phone \(found.map { "'\($0)'" } ?? "nothing"); the approved \(key) "
                        + (profile.phone?.e164 == key ? "is kept" : "is no longer known and cannot be kept")))
        }
        return changed
    }

    /// `https://…/logo.svg (sha256 0123456789abcdef)`.
    static func describe(_ logo: Profile.Logo) -> String {
        "\(logo.sourceURL ?? logo.foundBy.rawValue), sha256 \(logo.sha256.prefix(16))"
    }
}
