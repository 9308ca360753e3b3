import CurlHTTP
import Foundation
import OrgModel
import SVGValidation
import TestSupport
import Testing

@testable import Discovery

/// Precision of discovery over the whole labelled corpus (`Tests/TestWeb/samples.json` and,
/// when present, `corpus.json`), the way a refresh runs it: the register double's `hjemmeside`,
/// `epostadresse` and `telefon`, the organisation number (Wikidata fallback), the real client on
/// the loopback test web. Prints a table with every miss and why; fails below the bar of issue 4.
@Suite(.serialized) struct CorpusPrecisionTests {
    typealias Label = SiteLabel

    static let corpus: [Label] = SiteLabel.load("samples.json") + SiteLabel.load("corpus.json")

    /// What the register double says about an organisation (nil when it does not know it).
    struct Register { var website: String?; var email: String?; var phone: String? }

    static func register(_ orgnr: String, http: CurlHTTPClient) async -> Register? {
        let request = HTTPRequest(
            url: "https://data.brreg.no/enhetsregisteret/api/enheter/\(orgnr)", kind: .registry,
            headers: [("Accept", "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8")])
        guard let response = try? await http.fetch(request), response.status == 200,
            let json = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        else { return nil }
        func text(_ key: String) -> String? { (json[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        return Register(website: text("hjemmeside"), email: text("epostadresse"), phone: text("telefon") ?? text("mobil"))
    }

    struct Row: Sendable {
        var orgnr: String
        var site: String
        var logoRight: Bool?  // nil: the label has no logo
        var wrongLogo: Bool
        var emailRight: Bool
        var phoneRight: Bool
        var forbiddenPhone: Bool
        var personalEmail: Bool
        /// Problem codes the label expects that were not reported (`site.blocked`, `site.script-only`…).
        var missingProblems: [String]
        var misses: [String]
    }

    static func evaluate(_ label: Label, http: CurlHTTPClient, discoverer: SiteDiscoverer) async -> Row {
        let register = await register(label.orgnr, http: http)
        let website = register?.website ?? label.website
        let result: DiscoveryResult
        if let website {
            result = await discoverer.discover(
                website: website, organisationName: label.registeredName, organisationNumber: label.orgnr,
                registryEmail: register?.email, registryPhone: register?.phone)
        } else {
            result = await discoverer.withoutWebsite(
                organisationNumber: label.orgnr, registryEmail: register?.email,
                registryPhone: register?.phone)
        }
        var misses: [String] = []
        let chosen = result.logo.map { $0.candidate.url ?? result.documentURL ?? "?" }
        let logoRight = chosen == label.logo.sourceURL
        let wrongLogo = chosen != nil && !logoRight
        if !logoRight {
            let why = result.problems.filter { $0.code.rawValue.hasPrefix("logo.") || $0.code.rawValue.hasPrefix("site.") }
                .map { "\($0.code): \($0.message)" }.joined(separator: " | ")
            let top = result.candidates.prefix(4).map {
                "\($0.candidate.source.rawValue) \($0.candidate.url ?? "inline") \($0.outcome) \($0.candidate.score)"
            }
            misses.append(
                "logo: expected \(label.logo.sourceURL ?? "none") (\(label.logo.foundBy ?? "-")), got \(chosen ?? "none")"
                    + " (\(result.logo?.candidate.source.rawValue ?? "-")); \(why); top: \(top.joined(separator: "; "))")
        } else if let foundBy = label.logo.foundBy, result.logo?.candidate.source.rawValue != foundBy {
            misses.append("note: right logo, found by \(result.logo?.candidate.source.rawValue ?? "-") rather than \(foundBy)")
        }
        let emailRight = result.email?.value == label.email
        if !emailRight {
            misses.append(
                "email: expected \(label.email ?? "none"), got \(result.email.map { "\($0.value) [\($0.foundBy)] \($0.reasons.joined(separator: ", "))" } ?? "none")"
                    + "; others: \(result.emails.dropFirst().prefix(3).map { "\($0.value) \($0.score)" })")
        }
        let phoneRight = result.phone?.value == label.phone?.e164
        if !phoneRight {
            misses.append(
                "phone: expected \(label.phone?.e164 ?? "none"), got \(result.phone.map { "\($0.value) [\($0.foundBy)] \($0.reasons.joined(separator: ", "))" } ?? "none")"
                    + "; others: \(result.phones.dropFirst().prefix(3).map { "\($0.value) \($0.score)" })")
        }
        // Independent of the code's own rules: never a short/emergency number; never a personal
        // address other than the labelled one (a label may name a dotted role address such as
        // `central.bank@`).
        let national = result.phone.map { String($0.value.dropFirst(3)) } ?? ""
        let forbiddenPhone = result.phone != nil && (national.count != 8 || national.hasPrefix("0") || national.hasPrefix("1"))
        let local = result.email.map { String($0.value.split(separator: "@")[0]) } ?? ""
        let words = local.split(whereSeparator: { ".-_".contains($0) })
        let personalEmail =
            !emailRight && words.count >= 2 && words.allSatisfy { $0.count >= 2 && $0.allSatisfy(\.isLetter) }
            && !["post", "postmottak", "kontakt", "firmapost"].contains(where: { words.contains(Substring($0)) })
        let codes = result.problems.map(\.code.rawValue)
        let missingProblems = label.expectProblems.filter { !$0.hasPrefix("site.none") && !codes.contains($0) }
        if !missingProblems.isEmpty { misses.append("problems: expected \(missingProblems), got \(codes)") }
        return Row(
            orgnr: label.orgnr, site: website ?? "(no website)", logoRight: label.logo.sourceURL == nil ? nil : logoRight,
            wrongLogo: wrongLogo, emailRight: emailRight, phoneRight: phoneRight, forbiddenPhone: forbiddenPhone,
            personalEmail: personalEmail, missingProblems: missingProblems, misses: misses)
    }

    static func table(_ rows: [Row]) -> String {
        func mark(_ value: Bool?) -> String { value.map { $0 ? "ok" : "MISS" } ?? "-" }
        var lines = ["orgnr      logo  email phone site"]
        for row in rows {
            lines.append(
                "\(row.orgnr)  \(mark(row.logoRight).padding(toLength: 5, withPad: " ", startingAt: 0)) "
                    + "\(mark(row.emailRight).padding(toLength: 5, withPad: " ", startingAt: 0)) "
                    + "\(mark(row.phoneRight).padding(toLength: 5, withPad: " ", startingAt: 0)) \(row.site)")
            for miss in row.misses { lines.append("           - \(miss)") }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 100 : (Double(part) * 1000 / Double(whole)).rounded() / 10 }

    @Test func precisionMeetsTheBar() async throws {
        try #require(Self.corpus.count >= 10, "the corpus has \(Self.corpus.count) labelled organisations")
        let http = CurlHTTPClient(settings: TestWeb.shared.settings())
        let discoverer = SiteDiscoverer(http: http, validator: SVGValidator())
        var rows: [Row] = []
        for label in Self.corpus { rows.append(await Self.evaluate(label, http: http, discoverer: discoverer)) }

        let withLogo = rows.filter { $0.logoRight != nil }
        let logo = Self.percent(withLogo.filter { $0.logoRight == true }.count, withLogo.count)
        let email = Self.percent(rows.filter(\.emailRight).count, rows.count)
        let phone = Self.percent(rows.filter(\.phoneRight).count, rows.count)
        let wrong = rows.filter(\.wrongLogo).map(\.orgnr)
        let forbidden = rows.filter { $0.forbiddenPhone || $0.personalEmail }.map(\.orgnr)
        let unreported = rows.filter { !$0.missingProblems.isEmpty }.map(\.orgnr)
        let summary =
            "corpus \(rows.count) organisations: logo \(logo)% of \(withLogo.count) with a logo, email \(email)%, phone \(phone)%; "
            + "wrong logos chosen: \(wrong.count) \(wrong); short/emergency phones or personal emails chosen: \(forbidden.count) \(forbidden); "
            + "expected problems not reported: \(unreported.count) \(unreported)"
        print("\n" + Self.table(rows) + "\n" + summary + "\n")

        #expect(logo >= 95, "\(summary)")
        #expect(wrong.isEmpty, "\(summary)")
        #expect(email >= 95, "\(summary)")
        #expect(phone >= 95, "\(summary)")
        #expect(forbidden.isEmpty, "\(summary)")
        #expect(unreported.isEmpty, "\(summary)")
    }

    /// The harness itself: a label that disagrees with what the site shows is counted as a miss.
    @Test func wrongLabelsAreCountedAsMisses() async throws {
        let http = CurlHTTPClient(settings: TestWeb.shared.settings())
        let discoverer = SiteDiscoverer(http: http, validator: SVGValidator())
        var label = try #require(Self.corpus.first { $0.orgnr == "985399077" })  // Mattilsynet
        label.logo = .init(sourceURL: "https://www.mattilsynet.no/other-logo.svg", foundBy: "header-home-link")
        label.email = "someone.else@mattilsynet.no"
        label.phone = .init(e164: "+4712345678", display: "12 34 56 78")
        label.expectProblems = ["site.blocked"]
        let row = await Self.evaluate(label, http: http, discoverer: discoverer)
        #expect(row.logoRight == false && row.wrongLogo)
        #expect(!row.emailRight && !row.phoneRight)
        #expect(row.missingProblems == ["site.blocked"])
        #expect(row.misses.count == 4, "\(row.misses)")
    }
}
