import Foundation
import OrgModel

/// Ranks contact evidence into the public `ContactCandidate` lists. Pure functions: the site's
/// registrable domain and the evidence in, an ordered list out.
enum ContactRanking {
    /// Inboxes an organisation reads as an organisation.
    static let roleInboxes: Set<String> = [
        "postmottak", "post", "firmapost", "kontakt", "servicetorget", "servicesenter", "kundeservice", "kundesenter",
        "info", "sentralbord", "innbyggerservice", "ekspedisjon", "epost", "mail", "kontakt-oss", "kontaktoss",
        "postkasse", "publikum", "tilsyn", "contact",
    ]
    static let canonicalInboxes: Set<String> = ["postmottak", "post", "firmapost"]
    /// Real addresses, but not the one citizens should write to.
    static let narrowInboxes: Set<String> = [
        "personvernombud", "personvern", "presse", "webmaster", "web", "webredaktor", "redaksjon", "jobb",
        "rekruttering", "varsling", "abuse", "dpo", "it", "support", "hostmaster", "postmaster", "nettredaksjon",
        "kommunikasjon", "media", "innsyn", "faktura", "regnskap", "lonn",
    ]

    static func isNoReply(_ local: String) -> Bool {
        let flat = local.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "")
            .replacingOccurrences(of: ".", with: "")
        return flat.contains("noreply") || flat.contains("donotreply") || flat.contains("ikkesvar")
            || flat.contains("ikkjesvar") || flat == "mailerdaemon"
    }

    /// `fornavn.etternavn`, `ola_nordmann`: two or more alphabetic words, none of them a role.
    static func looksPersonal(_ local: String) -> Bool {
        let words = local.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" })
        return words.count >= 2 && words.allSatisfy { $0.count >= 2 && $0.allSatisfy(\.isLetter) }
            && !roleInboxes.contains(local) && !namesARole(local)
    }

    /// Words that name a function rather than a person, in the languages organisations' pages
    /// use (`hr-support@`, `rekrytering@`, `kl.asiakaspalvelu@`, `office.921015@`).
    static let roleWords: [String] = [
        "post", "kontakt", "contact", "info", "service", "office", "hr", "admin", "sales", "salg", "press",
        "presse", "media", "news", "tips", "redak", "redaction", "newsroom", "jobs", "job", "career", "karriere", "rekrut",
        "rekryt", "recruit", "kunde", "customer", "asiakas", "mail", "booking", "billett",
        "team", "desk", "sekretariat", "secretar", "ekspedisjon", "reception", "resepsjon", "kansli", "registrator",
        "arkiv", "personvern", "privacy", "feedback", "kundeservice", "servicetorg", "inquir", "enquir", "general",
        "webmaster", "hostmaster", "postmaster", "abuse", "central", "sentral",
    ]

    /// `includingNarrow: false` leaves out the narrow inboxes (`support@`, `it@`): on another
    /// domain those are a vendor's.
    static func namesARole(_ local: String, includingNarrow: Bool = true) -> Bool {
        let words = local.lowercased().split(whereSeparator: { !$0.isLetter })
        return words.contains { word in
            roleInboxes.contains(String(word)) || (includingNarrow && narrowInboxes.contains(String(word)))
                || roleWords.contains { word == $0 || ($0.count >= 5 && word.contains($0)) || (word.count > $0.count + 1 && $0.count >= 4 && (word.hasPrefix($0) || word.hasSuffix($0))) }
        }
    }

    /// Inboxes that run the website, not the organisation: never the address citizens write to.
    static let websiteInboxes: Set<String> = ["webmaster", "hostmaster", "postmaster", "abuse", "web", "webredaktor", "nettredaksjon"]

    /// Whether an address seen on the site can be the organisation's own: a role inbox, or one
    /// the register or the site's JSON-LD declares, always can; otherwise not a person's address
    /// (`kari.hansen@`), not another domain's (`support@vendor.no`, `name@gmail.com`), and not
    /// one seen only inside an article (the author's).
    static func isOrganisations(local: String, domain: String, items: [EmailEvidence], siteDomain: String?) -> Bool {
        if items.contains(where: { $0.foundBy == .registry || $0.foundBy == .jsonLD }) { return true }
        if websiteInboxes.contains(local) { return false }
        if canonicalInboxes.contains(local) || roleInboxes.contains(local) { return true }
        if let siteDomain {
            // `hundeverein-querfurt@gmx.de` for `hundeverein-querfurt.de`: a free-mail box named after the site.
            let siteName = String(siteDomain.split(separator: ".").first ?? "").filter(\.isLetter)
            if siteName.count >= 4 && local.filter(\.isLetter).contains(siteName) { return true }
        }
        if looksPersonal(local) { return false }
        if let siteDomain {
            let asciiDomain = WebAddress.asciiHost(domain) ?? domain
            let ownDomain = WebAddress.registrableDomain(of: asciiDomain) == siteDomain || asciiDomain == siteDomain
            if !ownDomain && !namesARole(local, includingNarrow: false) { return false }
        }
        return namesARole(local) || !items.allSatisfy { $0.inArticle && !$0.offeredAsContact }
    }

    static func rankEmails(_ evidence: [EmailEvidence], siteDomain: String?) -> [ContactCandidate] {
        var grouped: [String: [EmailEvidence]] = [:]
        var order: [String] = []
        for item in evidence {
            if grouped[item.address] == nil { order.append(item.address) }
            grouped[item.address, default: []].append(item)
        }
        var result: [(ContactCandidate, Int)] = []
        for (position, address) in order.enumerated() {
            let items = grouped[address]!
            let parts = address.split(separator: "@")
            guard parts.count == 2 else { continue }
            let local = String(parts[0]), domain = String(parts[1])
            if isNoReply(local) { continue }
            if !isOrganisations(local: local, domain: domain, items: items, siteDomain: siteDomain) { continue }
            var sheet = ScoreSheet()
            func add(_ points: Double, _ reason: String) { sheet.add(points, reason) }
            let best = sheet.scoreSources(items, foundBy: \.foundBy)
            if let siteDomain {
                // `post@bærum.kommune.no` is on `xn--brum-voa.kommune.no`.
                let asciiDomain = WebAddress.asciiHost(domain) ?? domain
                if WebAddress.registrableDomain(of: asciiDomain) == siteDomain || asciiDomain == siteDomain {
                    add(3, "on the site's own domain \(siteDomain)")
                } else {
                    add(-3, "on another domain than the site's (\(siteDomain))")
                }
            }
            if canonicalInboxes.contains(local) {
                add(5, "the organisation's main inbox (\(local)@)")
            } else if roleInboxes.contains(local) {
                add(4, "a role inbox (\(local)@)")
            } else if narrowInboxes.contains(local) {
                add(-2, "a narrow-purpose inbox (\(local)@)")
            } else if looksPersonal(local) {
                add(-3, "looks like a person's address")
            }
            if items.contains(where: { if case .email = $0.label { return true }; return false }) { add(0.5, "labelled as email") }
            let candidate = ContactCandidate(value: address, display: nil, foundBy: best.foundBy, foundAt: best.foundAt,
                                             score: sheet.score, reasons: sheet.reasons)
            result.append((candidate, position))
        }
        return result.sorted { $0.0.score != $1.0.score ? $0.0.score > $1.0.score : $0.1 < $1.1 }.map(\.0)
    }

    static func rankPhones(_ evidence: [PhoneEvidence]) -> [ContactCandidate] {
        var grouped: [String: [PhoneEvidence]] = [:]
        var order: [String] = []
        for item in evidence {
            if grouped[item.number.e164] == nil { order.append(item.number.e164) }
            grouped[item.number.e164, default: []].append(item)
        }
        var result: [(ContactCandidate, Int)] = []
        for (position, e164) in order.enumerated() {
            let items = grouped[e164]!
            let number = items[0].number
            var sheet = ScoreSheet()
            func add(_ points: Double, _ reason: String) { sheet.add(points, reason) }
            let best = sheet.scoreSources(items, foundBy: \.foundBy)
            let labels = items.compactMap(\.label)
            if let switchboard = labels.first(where: { if case .switchboard = $0 { return true }; return false }) {
                add(5, "labelled \"\(switchboard.text)\"")
            } else if let phone = labels.first(where: { if case .phone = $0 { return true }; return false }) {
                add(2, "labelled \"\(phone.text)\"")
            }
            if items.count > 1 { add(min(2, 0.5 * Double(items.count - 1)), "seen \(items.count) times") }
            switch number.kind {
            case .mobile: add(-1, "a mobile number")
            case .premium: add(-4, "a premium-rate number")
            case .personal, .voip: add(-1, "a \(number.kind.rawValue) number")
            default: break
            }
            let candidate = ContactCandidate(value: e164, display: number.display, foundBy: best.foundBy, foundAt: best.foundAt,
                                             score: sheet.score, reasons: sheet.reasons)
            result.append((candidate, position))
        }
        return result.sorted { $0.0.score != $1.0.score ? $0.0.score > $1.0.score : $0.1 < $1.1 }.map(\.0)
    }

    /// How much a way of finding a contact is worth on its own.
    static func sourceWeight(_ foundBy: SourceCode) -> Double {
        switch foundBy {
        case .registry: return 3
        case .jsonLD: return 2.5
        case .mailto, .tel, .cloudflare: return 2
        default: return 1
        }
    }
}

/// A score and the reason for every point of it.
struct ScoreSheet {
    private(set) var score = 0.0
    private(set) var reasons: [String] = []

    mutating func add(_ points: Double, _ reason: String) {
        score += points
        reasons.append("\(points >= 0 ? "+" : "")\(points.cleanDescription) \(reason)")
    }

    /// Points for the best way the evidence was found, plus one per other way; returns the best item.
    mutating func scoreSources<Item>(_ items: [Item], foundBy: (Item) -> SourceCode) -> Item {
        let best = items.max { ContactRanking.sourceWeight(foundBy($0)) < ContactRanking.sourceWeight(foundBy($1)) }!
        let sources = Set(items.map(foundBy))
        add(ContactRanking.sourceWeight(foundBy(best)), "found by \(foundBy(best))")
        if sources.count > 1 {
            add(Double(sources.count - 1), "also found by \(sources.subtracting([foundBy(best)]).map(\.rawValue).sorted().joined(separator: ", "))")
        }
        return best
    }
}

extension Double {
    var cleanDescription: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}

extension ContactRanking {
    /// When the site's best value and the register's value differ: a reason on the chosen one
    /// saying what it beat, and a `contact.registry-disagrees` problem naming both values and
    /// which won and why. `siteValues` are the values found on the site; nil when they agree
    /// or either side has nothing.
    static func noteRegistryDisagreement(_ ranked: inout [ContactCandidate], siteValues: Set<String>, registryValue: String?,
                                         what: String) -> DiscoveryProblem? {
        guard let registryValue, let siteIndex = ranked.firstIndex(where: { siteValues.contains($0.value) }),
              let registryIndex = ranked.firstIndex(where: { $0.value == registryValue }),
              ranked[siteIndex].value != registryValue, !ranked.isEmpty else { return nil }
        let site = ranked[siteIndex], registry = ranked[registryIndex]
        func shown(_ candidate: ContactCandidate) -> String { candidate.display.map { "\($0) (\(candidate.value))" } ?? candidate.value }
        let siteWon = siteIndex < registryIndex
        let winner = siteWon ? site : registry
        let loser = siteWon ? registry : site
        let why = winner.reasons.joined(separator: ", ")
        let message = "the site's \(what) \(shown(site)) and the register's \(shown(registry)) differ; "
            + (siteWon ? "the site's" : "the register's") + " was chosen (score \(winner.score.cleanDescription) against "
            + "\(loser.score.cleanDescription): \(why))"
        let winnerIndex = siteWon ? siteIndex : registryIndex
        ranked[winnerIndex].reasons.append("+0 chosen over the \(siteWon ? "register's" : "site's") \(loser.value)")
        return DiscoveryProblem(code: .contactRegistryDisagrees, message: message)
    }
}
