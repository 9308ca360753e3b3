import Foundation

/// A value staff can approve (pin) or supply on the review page.
public enum ReviewField: String, Codable, Sendable, CaseIterable, Comparable {
    case logo, email, phone

    public static func < (lhs: ReviewField, rhs: ReviewField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One approval: which value a person pinned, when and who. A logo is named by the SHA-256 of
/// its bytes, an email by its address, a phone by its E.164 form.
public struct ReviewApproval: Codable, Sendable, Equatable {
    /// The email address or the phone's E.164 form; nil for a logo.
    public var value: String?
    /// The logo's SHA-256; nil for an email or a phone.
    public var sha256: String?
    public var at: Date
    /// The token name that approved it.
    public var by: String

    public init(value: String? = nil, sha256: String? = nil, at: Date, by: String) {
        self.value = value
        self.sha256 = sha256
        self.at = at
        self.by = by
    }
}

/// The approved values of one organisation, only the approved fields present. The same object
/// is the profile's `approved` and the review state's `approved`.
public struct ReviewApprovals: Codable, Sendable, Equatable {
    public var logo: ReviewApproval?
    public var email: ReviewApproval?
    public var phone: ReviewApproval?

    public init(logo: ReviewApproval? = nil, email: ReviewApproval? = nil, phone: ReviewApproval? = nil) {
        self.logo = logo
        self.email = email
        self.phone = phone
    }

    public var isEmpty: Bool { logo == nil && email == nil && phone == nil }

    public subscript(field: ReviewField) -> ReviewApproval? {
        get {
            switch field {
            case .logo: logo
            case .email: email
            case .phone: phone
            }
        }
        set {
            switch field {
            case .logo: logo = newValue
            case .email: email = newValue
            case .phone: phone = newValue
            }
        }
    }
}

/// "The agency was asked": the seed's by-hand step, recorded by staff.
public struct ReviewAsked: Codable, Sendable, Equatable {
    /// The day they were asked, `YYYY-MM-DD`.
    public var date: String
    public var note: String
    public var by: String
    /// When it was recorded.
    public var at: Date

    public init(date: String, note: String, by: String, at: Date) {
        self.date = date
        self.note = note
        self.by = by
        self.at = at
    }
}

/// What staff decided about one organisation: `<state-dir>/review/<orgnr>.json`.
public struct ReviewState: Codable, Sendable, Equatable {
    public var organisationNumber: String
    public var approved: ReviewApprovals
    public var asked: [ReviewAsked]

    public init(organisationNumber: String, approved: ReviewApprovals = ReviewApprovals(), asked: [ReviewAsked] = []) {
        self.organisationNumber = organisationNumber
        self.approved = approved
        self.asked = asked
    }

    public var isEmpty: Bool { approved.isEmpty && asked.isEmpty }
}

extension Profile {
    /// The value of `field` as an approval names it: the logo's SHA-256, the email address, the
    /// phone's E.164 form; nil when the profile has none.
    public func approvalKey(_ field: ReviewField) -> String? {
        switch field {
        case .logo: logo?.sha256
        case .email: email?.value
        case .phone: phone?.e164
        }
    }
}

extension ReviewApproval {
    /// What this approval pins, in the form `Profile.approvalKey(_:)` gives.
    public var key: String? { sha256 ?? value }
}
