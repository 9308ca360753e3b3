import CurlHTTP
import Foundation
import SVGValidation

/// Runs discovery for one organisation's website. At most `options.maxFetches` requests per site.
///
/// 1. `HomePageFetcher`: the register's `hjemmeside` → https (http on connect/TLS failure, the
///    other of www/apex when the name does not resolve), redirects followed by the client, then
///    same-site `<meta refresh>`/trivial script redirects. Non-2xx, non-HTML and bot walls end
///    here as `site.*` problems; the register's contacts are still returned.
/// 2. `PageAnalyser` (pure): charset (`HTMLTextDecoder`) → libxml2 (`HTMLParser`) → `HTMLTree`;
///    `LogoCandidateCollector` + `LogoRanking` for logos, `ContactExtractor` for emails and
///    phones, JSON-LD, name hints, contact-page links, organisation numbers.
/// 3. `LogoEvaluator`: fetches the best remote candidates (and a `<use>` sprite file), sniffs
///    bytes, validates with `SVGValidator`; the best-ranked accepted SVG wins.
/// 4. Contact pages (≤ `maxContactPages`) when the home page lacks an email or a phone; the
///    register's values join as candidates; `ContactRanking` orders everything.
public struct SiteDiscoverer: Sendable {
    public let http: any HTTPFetching
    public let validator: SVGValidator
    public let options: DiscoveryOptions

    public init(http: any HTTPFetching, validator: SVGValidator) {
        self.init(http: http, validator: validator, options: DiscoveryOptions())
    }

    public init(http: any HTTPFetching, validator: SVGValidator, options: DiscoveryOptions) {
        self.http = http
        self.validator = validator
        self.options = options
    }

    /// `website` is the register's `hjemmeside` (no scheme) or a full URL.
    /// `registryEmail`/`registryPhone` are the register's own values, which become candidates too.
    public func discover(website: String, organisationName: String, registryEmail: String?, registryPhone: String?) async -> DiscoveryResult {
        let registry = RegistryContacts(email: registryEmail, phone: registryPhone)
        guard let start = SiteAddress.startAddress(website) else {
            return failed(nil, DiscoveryProblem(code: "site.invalid-address", message: "\"\(website)\" is not a web address"),
                          registry: registry, siteDomain: nil)
        }
        var budget = FetchBudget(limit: options.maxFetches)
        let fetcher = HomePageFetcher(http: http)
        var response: HTTPResponse
        var address: WebAddress
        var notes: [DiscoveryProblem] = []
        switch await fetcher.fetch(start, budget: &budget) {
        case .failed(let problem):
            return failed(nil, problem, registry: registry, siteDomain: start.registrableDomain)
        case .page(let pageResponse, let pageAddress, let note):
            response = pageResponse
            address = pageAddress
            notes += note.map { [$0] } ?? []
        }
        if let problem = HomePageFetcher.problem(with: response) {
            return failed(address.description, problem, registry: registry, siteDomain: address.registrableDomain)
        }
        var analysis = analyse(response, at: address, organisationName: organisationName)

        // <meta http-equiv="refresh"> to another page of the same site (or of the site the register names).
        var hops = 0
        var visited: Set<String> = [address.withoutFragment.description]
        while hops < options.maxMetaRefreshHops, let target = (analysis.metaRefresh ?? analysis.scriptRedirect)?.withoutFragment,
              target.isSameSite(as: address) || target.isSameSite(as: start), visited.insert(target.description).inserted,
              budget.take() == 1 {
            hops += 1
            guard let next = try? await http.fetch(HTTPRequest(url: target.description, kind: .page, headers: HomePageFetcher.pageHeaders)),
                  HomePageFetcher.problem(with: next) == nil else { break }
            response = next
            address = WebAddress(next.effectiveURL) ?? target
            analysis = analyse(response, at: address, organisationName: organisationName)
        }
        var result = await complete(analysis, organisationName: organisationName, registry: registry, budget: &budget)
        result.problems.insert(contentsOf: notes, at: 0)
        return result
    }

    /// Discovery over a saved page: `html` is treated as if fetched from `url`. Logo files and
    /// contact pages are still fetched through `http`.
    public func discover(html: Data, url: String, organisationName: String?) async -> DiscoveryResult {
        guard let address = WebAddress(url) else {
            return failed(url, DiscoveryProblem(code: "site.invalid-address", message: "\"\(url)\" is not an http(s) URL"),
                          registry: RegistryContacts(email: nil, phone: nil), siteDomain: nil)
        }
        let analysis = PageAnalyser.analyse(bytes: [UInt8](html), contentType: nil, url: address, organisationName: organisationName,
                                            pageTextNameHint: options.nameHintFromPageText)
        var budget = FetchBudget(limit: options.maxFetches)
        return await complete(analysis, organisationName: organisationName, registry: RegistryContacts(email: nil, phone: nil),
                              budget: &budget)
    }

    // MARK: - Steps

    private struct RegistryContacts {
        var email: String?
        var phone: String?
    }

    private func analyse(_ response: HTTPResponse, at address: WebAddress, organisationName: String?) -> PageAnalysis {
        PageAnalyser.analyse(bytes: [UInt8](response.body), contentType: response.header("content-type"), url: address,
                             organisationName: organisationName, pageTextNameHint: options.nameHintFromPageText)
    }

    private func complete(_ analysis: PageAnalysis, organisationName: String?, registry: RegistryContacts,
                          budget: inout FetchBudget) async -> DiscoveryResult {
        var problems: [DiscoveryProblem] = []
        if analysis.looksLikeScriptShell {
            problems.append(DiscoveryProblem(code: "site.script-only",
                                             message: "\(analysis.documentURL): the page is built by JavaScript; its static HTML has little to read"))
        }
        // A web app manifest may declare an SVG icon; asked for only when the page has no strong
        // candidate and the budget leaves room for it, the logos and the contact pages.
        var analysis = analysis
        if let manifest = analysis.manifestURL, manifest.isSameSite(as: analysis.documentURL),
           WebAppManifest.isWorthFetching(analysis.logoCandidates, evidence: analysis.logoEvidence),
           budget.remaining > contactPageReserve(analysis, budget) + 2, budget.take() == 1,
           let response = try? await http.fetch(HTTPRequest(url: manifest.description, kind: .other, headers: WebAppManifest.headers)),
           (200..<300).contains(response.status) {
            let icons = WebAppManifest.iconEvidence(response.body, manifestURL: WebAddress(response.effectiveURL) ?? manifest,
                                                    site: analysis.documentURL)
            if !icons.isEmpty {
                analysis.logoEvidence += icons
                analysis.logoCandidates = LogoRanking.rank(analysis.logoEvidence, organisationName: organisationName)
            }
        }
        // Logos first: they are the scarce thing; contact pages get what is left of the budget.
        var hints: [String: LogoEvidence.FormatHint] = [:]
        var sprites: [String: LogoEvidence.SpriteReference] = [:]
        for evidence in analysis.logoEvidence {
            if let url = evidence.url { hints[url] = evidence.format }
            if let inline = evidence.inlineSVG, let sprite = evidence.spriteReference { sprites[inline] = sprite }
        }
        let evaluator = LogoEvaluator(http: http, validator: validator,
                                      maxFetches: min(options.maxLogoFetches, max(0, budget.remaining - contactPageReserve(analysis, budget))))
        let logos = await evaluator.evaluate(analysis.logoCandidates, hints: hints, sprites: sprites, budget: &budget)
        problems += logos.problems

        var emails = analysis.emails
        var phones = analysis.phones
        var organisationNumbers = analysis.organisationNumbers
        var followed = 0
        for link in analysis.contactLinks where followed < options.maxContactPages && (emails.isEmpty || phones.isEmpty) {
            guard budget.take() == 1 else { break }
            followed += 1
            guard let response = try? await http.fetch(HTTPRequest(url: link.description, kind: .page, headers: HomePageFetcher.pageHeaders)),
                  HomePageFetcher.problem(with: response) == nil else { continue }
            let page = analyse(response, at: WebAddress(response.effectiveURL) ?? link, organisationName: organisationName)
            guard page.documentURL.isSameSite(as: analysis.documentURL) else { continue }
            emails += page.emails
            phones += page.phones
            organisationNumbers += page.organisationNumbers.filter { !organisationNumbers.contains($0) }
        }

        let fromRegistry = registryEvidence(registry)
        emails += fromRegistry.emails
        phones += fromRegistry.phones
        let rankedEmails = ContactRanking.rankEmails(emails, siteDomain: analysis.documentURL.registrableDomain)
        let rankedPhones = ContactRanking.rankPhones(phones)
        if rankedEmails.isEmpty {
            problems.append(DiscoveryProblem(code: "email.none-found", message: "no email address on the site\(followed > 0 ? " or its \(followed) contact page(s)" : "") or in the register"))
        }
        if rankedPhones.isEmpty {
            problems.append(DiscoveryProblem(code: "phone.none-found", message: "no Norwegian phone number on the site\(followed > 0 ? " or its \(followed) contact page(s)" : "") or in the register"))
        }
        return DiscoveryResult(documentURL: analysis.documentURL.description, candidates: logos.candidates, logo: logos.winner,
                               emails: rankedEmails, phones: rankedPhones, nameHints: analysis.nameHints, problems: problems,
                               organisationNumbers: organisationNumbers)
    }

    /// Requests kept back for contact pages when the home page lacks an email or a phone.
    private func contactPageReserve(_ analysis: PageAnalysis, _ budget: FetchBudget) -> Int {
        guard analysis.emails.isEmpty || analysis.phones.isEmpty else { return 0 }
        return min(options.maxContactPages, analysis.contactLinks.count, max(0, budget.remaining - 2))
    }

    /// The result for an organisation that registers no website: only the register's contacts.
    public func withoutWebsite(registryEmail: String?, registryPhone: String?) -> DiscoveryResult {
        failed(nil, DiscoveryProblem(code: "site.none-registered",
                                     message: "the register has no website (hjemmeside) for this organisation; a logo must be supplied by hand"),
               registry: RegistryContacts(email: registryEmail, phone: registryPhone), siteDomain: nil)
    }

    /// The register's email and phone as contact evidence.
    private func registryEvidence(_ registry: RegistryContacts) -> (emails: [EmailEvidence], phones: [PhoneEvidence]) {
        var emails: [EmailEvidence] = []
        var phones: [PhoneEvidence] = []
        if let email = registry.email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), ContactExtractor.isPlausibleEmail(email) {
            emails.append(EmailEvidence(address: email, foundBy: "registry", foundAt: nil))
        }
        if let phone = registry.phone, let number = NorwegianPhoneNumber(phone) {
            phones.append(PhoneEvidence(number: number, foundBy: "registry", foundAt: nil))
        }
        return (emails, phones)
    }

    /// A result for a site that could not be read: only the register's contacts remain.
    private func failed(_ url: String?, _ problem: DiscoveryProblem, registry: RegistryContacts, siteDomain: String?) -> DiscoveryResult {
        let (emails, phones) = registryEvidence(registry)
        var problems = [problem]
        if emails.isEmpty { problems.append(DiscoveryProblem(code: "email.none-found", message: "site not read; no email in the register")) }
        if phones.isEmpty { problems.append(DiscoveryProblem(code: "phone.none-found", message: "site not read; no phone in the register")) }
        return DiscoveryResult(documentURL: url, candidates: [], logo: nil,
                               emails: ContactRanking.rankEmails(emails, siteDomain: siteDomain),
                               phones: ContactRanking.rankPhones(phones), nameHints: [], problems: problems)
    }
}
