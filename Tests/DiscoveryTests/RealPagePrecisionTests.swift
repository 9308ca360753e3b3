import Foundation
import TestSupport
import Testing

@testable import Discovery

/// Precision of page analysis on real pages saved by other projects (`Tests/RealPages`), labelled
/// by reading their markup before orgprofile ran on them (issue 13). Runs the production analysis
/// of one saved page (what `inspect --html FILE --url URL` ranks before it fetches anything) and
/// compares the top-ranked logo candidate and the top email and phone with the labels. Prints
/// every miss; fails below the bars.
@Suite struct RealPagePrecisionTests {
    /// The labelled share that must come out right, in percent.
    static let logoBar = 95.0
    static let emailBar = 95.0
    static let phoneBar = 95.0

    static let directory = TestWeb.repositoryRoot.appendingPathComponent("Tests/RealPages")

    struct Label: Decodable, Sendable {
        struct Source: Decodable, Sendable { var repo: String; var commit: String; var path: String }
        struct Logo: Decodable, Sendable { var urls: [String]?; var inlineSVG: [String]?; var `where`: String? }
        var id: String
        var file: String
        var url: String
        var source: Source
        var organisation: String?
        var logo: Logo?
        var email: String?
        var phone: String?
        var alsoRight: [String]?
        var alsoRightPhones: [String]?
        var forbidden: [String]?
    }

    static func labels() -> [Label] {
        let folder = directory.appendingPathComponent("labels")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".json") }.sorted() ?? []
        return files.flatMap { file -> [Label] in
            let data = try! Data(contentsOf: folder.appendingPathComponent(file))
            return try! JSONDecoder().decode([Label].self, from: data)
        }
    }

    struct Row: Sendable {
        var id: String
        var logoRight: Bool?
        var emailRight: Bool?
        var phoneRight: Bool?
        var forbidden: [String]
        var extras: [String]
        var misses: [String]
    }

    /// `https://a.b/x/logo.svg` is the label `/x/logo.svg`, `//a.b/x/logo.svg`, `logo.svg` or
    /// `../x/logo.svg` as written in the page: the written form, without its scheme, host-prefix
    /// and leading `./` `../` `/`, ends the candidate's absolute URL (both percent-decoded).
    static func sameURL(_ candidate: String, written: String) -> Bool {
        func decoded(_ text: String) -> String {
            (text.removingPercentEncoding ?? text).replacingOccurrences(of: "&amp;", with: "&")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var tail = decoded(written)
        for prefix in ["https:", "http:"] where tail.lowercased().hasPrefix(prefix) { tail.removeFirst(prefix.count) }
        while tail.hasPrefix("./") || tail.hasPrefix("../") || tail.hasPrefix("/") {
            tail.removeFirst(tail.hasPrefix("../") ? 3 : tail.hasPrefix("./") ? 2 : 1)
        }
        guard !tail.isEmpty else { return false }
        let whole = decoded(candidate)
        return whole.hasSuffix(tail) || whole.hasSuffix(tail.replacingOccurrences(of: " ", with: "%20"))
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func isLabelledLogo(_ candidate: LogoCandidate, _ logo: Label.Logo) -> Bool {
        if let url = candidate.url, (logo.urls ?? []).contains(where: { sameURL(url, written: $0) }) { return true }
        if let svg = candidate.inlineSVG.map(collapsed) {
            return (logo.inlineSVG ?? []).contains { !$0.isEmpty && svg.contains(collapsed($0)) }
        }
        return false
    }

    static func describe(_ candidate: LogoCandidate) -> String {
        "\(candidate.source.rawValue) \(candidate.url ?? "inline: " + String(collapsed(candidate.inlineSVG ?? "").prefix(80))) "
            + "score \(candidate.score) [\(candidate.reasons.joined(separator: "; "))] at \(candidate.element)"
    }

    /// A chosen phone that is never an organisation's phone: short, emergency or service codes
    /// of fewer than 8 digits other than the 5-digit 0xxxx numbers.
    static func isShortNumber(_ e164: String) -> Bool {
        let national = e164.hasPrefix("+47") ? String(e164.dropFirst(3)) : e164
        if national.count == 5 { return !national.hasPrefix("0") }
        return national.count != 8 || national.hasPrefix("0") || national.hasPrefix("1")
    }

    /// Every labelled page analysed, once a test process: this suite and the raster-fallback count
    /// read the same analyses (the first to ask computes them, off the cooperative pool; the other
    /// waits). Analysing all pages is the costliest step of both.
    static let analysed: [String: PageAnalysis] = Dictionary(
        uniqueKeysWithValues: labels().map { label in
            let bytes = [UInt8](try! Data(contentsOf: directory.appendingPathComponent(label.file)))
            return (label.id, PageAnalyser.analyse(bytes: bytes, contentType: nil, url: WebAddress(label.url)!, organisationName: label.organisation))
        })

    static func evaluate(_ label: Label) -> Row {
        let page = analysed[label.id]!
        var misses: [String] = []
        var extras: [String] = []
        var forbidden: [String] = []

        var logoRight: Bool?
        if let logo = label.logo {
            let top = page.logoCandidates.first
            logoRight = top.map { isLabelledLogo($0, logo) } ?? false
            if logoRight == false {
                let rank = page.logoCandidates.firstIndex { isLabelledLogo($0, logo) }
                misses.append(
                    "logo: expected \(logo.where ?? (logo.urls ?? []).first ?? "?") (\(rank.map { "ranked \($0 + 1)" } ?? "not a candidate")); "
                        + "top: \(top.map(describe) ?? "none")"
                        + (rank.map { "; labelled: \(describe(page.logoCandidates[$0]))" } ?? ""))
            }
        }

        let emails = ContactRanking.rankEmails(page.emails, siteDomain: page.documentURL.registrableDomain)
        let chosenEmail = emails.first?.value
        var emailRight: Bool?
        if let email = label.email?.lowercased() {
            let right = [email] + (label.alsoRight ?? []).map { $0.lowercased() }
            emailRight = chosenEmail.map(right.contains) ?? false
            if emailRight == false {
                misses.append("email: expected \(email), got \(emails.first.map { "\($0.value) [\($0.reasons.joined(separator: ", "))]" } ?? "none"); "
                              + "others: \(emails.dropFirst().prefix(3).map(\.value))")
            }
        } else if let chosenEmail {
            extras.append("email \(chosenEmail) where the label has none")
        }

        let phones = ContactRanking.rankPhones(page.phones)
        let chosenPhone = phones.first?.value
        var phoneRight: Bool?
        if let phone = label.phone {
            phoneRight = chosenPhone.map(([phone] + (label.alsoRightPhones ?? [])).contains) ?? false
            if phoneRight == false {
                misses.append("phone: expected \(phone), got \(phones.first.map { "\($0.value) [\($0.reasons.joined(separator: ", "))]" } ?? "none"); "
                              + "others: \(phones.dropFirst().prefix(3).map(\.value))")
            }
        } else if let chosenPhone {
            extras.append("phone \(chosenPhone) where the label has none")
        }

        let never = Set((label.forbidden ?? []).map { $0.lowercased() })
        for value in [chosenEmail, chosenPhone].compactMap({ $0 }) where never.contains(value.lowercased()) {
            forbidden.append("\(value) is labelled as never the organisation's")
        }
        if let chosenPhone, isShortNumber(chosenPhone) { forbidden.append("\(chosenPhone) is a short or emergency number") }
        if let chosenEmail, chosenEmail != label.email?.lowercased(), !(label.alsoRight ?? []).map({ $0.lowercased() }).contains(chosenEmail),
           let local = chosenEmail.split(separator: "@").first, ContactRanking.looksPersonal(String(local)) {
            forbidden.append("\(chosenEmail) looks like a person's address")
        }
        return Row(id: label.id, logoRight: logoRight, emailRight: emailRight, phoneRight: phoneRight,
                   forbidden: forbidden, extras: extras, misses: misses)
    }

    static func percent(_ rows: [Row], _ value: KeyPath<Row, Bool?>) -> (right: Int, of: Int, percent: Double) {
        let labelled = rows.compactMap { $0[keyPath: value] }
        let right = labelled.filter { $0 }.count
        return (right, labelled.count, labelled.isEmpty ? 100 : (Double(right) * 1000 / Double(labelled.count)).rounded() / 10)
    }

    @Test func precisionOnRealPages() async {
        let labels = Self.labels()
        #expect(labels.count >= 150, "the real-page corpus has \(labels.count) labelled pages")
        let rows = await offTheCooperativePool { labels.map(Self.evaluate) }
        var report = ["real pages: \(rows.count)"]
        for row in rows where !row.misses.isEmpty || !row.forbidden.isEmpty || !row.extras.isEmpty {
            report.append("\(row.id)")
            report += (row.misses + row.forbidden.map { "FORBIDDEN " + $0 } + row.extras.map { "extra: " + $0 }).map { "    - " + $0 }
        }
        let logo = Self.percent(rows, \.logoRight), email = Self.percent(rows, \.emailRight), phone = Self.percent(rows, \.phoneRight)
        let forbidden = rows.flatMap(\.forbidden)
        report.append("logo right \(logo.right)/\(logo.of) = \(logo.percent) %; email \(email.right)/\(email.of) = \(email.percent) %; "
                      + "phone \(phone.right)/\(phone.of) = \(phone.percent) %; forbidden values chosen: \(forbidden.count)")
        print(report.joined(separator: "\n"))
        #expect(logo.percent >= Self.logoBar, "logo ranked first on \(logo.percent) % of \(logo.of) pages")
        #expect(email.percent >= Self.emailBar, "email right on \(email.percent) % of \(email.of) pages")
        #expect(phone.percent >= Self.phoneBar, "phone right on \(phone.percent) % of \(phone.of) pages")
        #expect(forbidden.isEmpty, "forbidden values chosen: \(forbidden)")
    }

    /// Every page file exists, comes from a named commit of a public repository, and is no
    /// reserved repository's.
    @Test func everyPageHasItsProvenance() {
        for label in Self.labels() {
            #expect(FileManager.default.fileExists(atPath: Self.directory.appendingPathComponent(label.file).path), "\(label.id)")
            #expect(label.source.commit.count == 40 && label.source.commit.allSatisfy(\.isHexDigit), "\(label.id): commit")
            #expect(label.source.repo.split(separator: "/").count == 2, "\(label.id): repo")
            #expect(WebAddress(label.url) != nil, "\(label.id): url \(label.url)")
        }
    }

    @Test func urlMatchingFollowsTheWrittenForm() {
        #expect(Self.sameURL("https://www.a.no/x/logo.svg", written: "/x/logo.svg"))
        #expect(Self.sameURL("https://www.a.no/x/logo.svg", written: "//www.a.no/x/logo.svg"))
        #expect(Self.sameURL("https://www.a.no/x/y/logo.svg", written: "../y/logo.svg"))
        #expect(Self.sameURL("https://www.a.no/x/logo%20ny.svg", written: "logo ny.svg"))
        #expect(!Self.sameURL("https://www.a.no/x/logo.svg", written: "/x/logo.png"))
        #expect(!Self.sameURL("https://www.a.no/x/logo.svg", written: "/"))
    }
}
