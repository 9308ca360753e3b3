import FileIO
import Foundation
import OrgModel

/// The lists onboarding staff work through, computed from the profiles and the review state.
public enum ReviewQueue: String, CaseIterable, Sendable, Codable {
    /// No logo, no email or no phone.
    case missing
    /// A logo discovery was not sure of (below `ReviewQueues.lowConfidenceBelow`, or the
    /// `logo.low-confidence` problem), not approved.
    case lowConfidence = "low-confidence"
    /// The logo came from Wikidata, not the organisation's own site, not approved.
    case wikidata
    /// A value kept from an earlier refresh because the latest could not confirm it.
    case stale
    /// The register and the site disagree: the register's email or phone differs from the site's
    /// (`contact.registry-disagrees`), the site names another organisation number
    /// (`site.other-organisation-number`), or the registered homepage ends up on another host.
    case disagree
    /// A refresh found a value different from an approved one (the approved one is kept).
    case changedSinceApproval = "changed-since-approval"
    /// The agency was asked and the organisation is still missing a value or has an unsure or
    /// Wikidata logo: waiting for the answer.
    case asked

    /// The heading staff see.
    public var title: String {
        switch self {
        case .missing: "Missing a value"
        case .lowConfidence: "Low confidence"
        case .wikidata: "Logo from Wikidata"
        case .stale: "Stale"
        case .disagree: "Register and site disagree"
        case .changedSinceApproval: "Changed since approval"
        case .asked: "Agency asked, waiting"
        }
    }
}

/// One active organisation under review: its profile, what staff decided, and its queues.
public struct ReviewEntry: Sendable {
    public var profile: Profile
    public var review: ReviewState
    public var queues: [ReviewQueue]

    public var organisationNumber: String { profile.organisationNumber }

    public init(profile: Profile, review: ReviewState, queues: [ReviewQueue]) {
        self.profile = profile
        self.review = review
        self.queues = queues
    }
}

/// The queues of every active profile. Deleted, removed and unknown organisations need no
/// onboarding and are left out.
public struct ReviewQueues: Sendable {
    /// Logos below this confidence are "low confidence": the same line discovery draws for its
    /// `logo.low-confidence` problem (favicons, mask icons and other icon-only finds score under
    /// it; a logo the page presents as its own scores above).
    public static let lowConfidenceBelow = 0.5

    public var entries: [ReviewEntry]
    /// Profiles that could not be read, as sentences.
    public var unreadable: [String]

    public init(entries: [ReviewEntry], unreadable: [String] = []) {
        self.entries = entries
        self.unreadable = unreadable
    }

    /// Reads every profile of the cache directory and its review state; with a `cache`, a
    /// profile whose file did not change since the last call is not decoded again.
    public static func collect(profiles: ProfileStore, reviews: ReviewStore, cache: ReviewProfileCache? = nil) -> ReviewQueues {
        var entries: [ReviewEntry] = []
        var unreadable: [String] = []
        let numbers = profiles.storedOrganisations()
        cache?.keep(only: Set(numbers))
        for number in numbers {
            let profile: Profile
            do {
                let read: Profile?
                if let cache { read = try cache.load(number, from: profiles) } else { read = try profiles.load(number) }
                guard let loaded = read else { continue }
                profile = loaded
            } catch {
                unreadable.append(error.description)
                continue
            }
            guard profile.status == .active else { continue }
            let review: ReviewState
            do {
                review = try reviews.load(number)
            } catch {
                unreadable.append(error.description)
                review = ReviewState(organisationNumber: number)
            }
            entries.append(ReviewEntry(profile: profile, review: review, queues: queues(of: profile, review: review)))
        }
        return ReviewQueues(entries: entries, unreadable: unreadable)
    }

    /// The organisation numbers in `queue`, sorted.
    public func numbers(in queue: ReviewQueue) -> [String] {
        entries.filter { $0.queues.contains(queue) }.map(\.organisationNumber)
    }

    public func entries(in queue: ReviewQueue?) -> [ReviewEntry] {
        guard let queue else { return entries }
        return entries.filter { $0.queues.contains(queue) }
    }

    /// The queues one profile is in, in `ReviewQueue.allCases` order.
    public static func queues(of profile: Profile, review: ReviewState) -> [ReviewQueue] {
        var queues: Set<ReviewQueue> = []
        let codes = Set(profile.problems.map(\.code))
        if profile.logo == nil || profile.email == nil || profile.phone == nil { queues.insert(.missing) }
        if let logo = profile.logo, !isApproved(.logo, of: profile, review: review) {
            if logo.foundBy != .handSupplied && (logo.confidence < lowConfidenceBelow || codes.contains(.logoLowConfidence)) {
                queues.insert(.lowConfidence)
            }
            if logo.foundBy == .wikidata { queues.insert(.wikidata) }
        }
        if profile.logo?.stale == true || profile.email?.stale == true || profile.phone?.stale == true
            || profile.logoRasterFallback?.stale == true
        {
            queues.insert(.stale)
        }
        if codes.contains(.contactRegistryDisagrees) || codes.contains(.siteOtherOrganisationNumber)
            || movedToAnotherHost(profile)
        {
            queues.insert(.disagree)
        }
        if !(profile.changedSinceApproval ?? []).isEmpty { queues.insert(.changedSinceApproval) }
        if !review.asked.isEmpty && !queues.isDisjoint(with: [.missing, .lowConfidence, .wikidata]) { queues.insert(.asked) }
        return ReviewQueue.allCases.filter(queues.contains)
    }

    /// Approved, and the profile still shows the approved value.
    static func isApproved(_ field: ReviewField, of profile: Profile, review: ReviewState) -> Bool {
        guard let key = review.approved[field]?.key else { return false }
        return profile.approvalKey(field) == key
    }

    /// The registered homepage led to a page on another host (a leading `www.` aside): the
    /// values were found on a site the register does not name.
    static func movedToAnotherHost(_ profile: Profile) -> Bool {
        guard let registered = host(profile.website), let resolved = host(profile.websiteResolved) else { return false }
        return registered != resolved
    }

    static func host(_ url: String?) -> String? {
        guard let url, let host = URLComponents(string: url)?.host?.lowercased(), !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
