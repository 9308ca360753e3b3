import CurlHTTP
import Foundation
import LogoRendering
import OrgModel
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
/// 4. `WikidataLogoFinder` when no SVG was accepted (or the site could not be read) and the
///    organisation number is known: P2333 search → P154/P94/P8972 on Commons, the item's P856
///    checked against the site; its own small request allowance, outside `maxFetches`. Still no
///    SVG: `RasterFallbackFinder` fetches the page's own raster logo (at most 2 tries, within
///    `maxFetches` and never from the contact pages' reserve) and keeps it if its bytes pass.
/// 5. Contact pages (≤ `maxContactPages`) when the home page lacks an email or a phone; the
///    register's values join as candidates; `ContactRanking` orders everything and says when
///    the site and the register disagree (`contact.registry-disagrees`).
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
    /// Without an organisation number there is no Wikidata fallback.
    public func discover(website: String, organisationName: String, registryEmail: String?, registryPhone: String?) async -> DiscoveryResult {
        await discover(website: website, organisationName: organisationName, organisationNumber: nil,
                       registryEmail: registryEmail, registryPhone: registryPhone)
    }

    /// As above; `organisationNumber` (9 digits) finds the organisation's Wikidata item when the
    /// site has no acceptable SVG logo (or cannot be read), see `DiscoveryOptions.useWikidata`.
    public func discover(website: String, organisationName: String, organisationNumber: String?, registryEmail: String?,
                         registryPhone: String?) async -> DiscoveryResult {
        await withinOrganisationTimeout {
            await $0.discoverSite(website: website, organisationName: organisationName, organisationNumber: organisationNumber,
                                  registryEmail: registryEmail, registryPhone: registryPhone)
        }
    }

    private func discoverSite(website: String, organisationName: String, organisationNumber: String?, registryEmail: String?,
                              registryPhone: String?) async -> DiscoveryResult {
        let registry = RegistryContacts(email: registryEmail, phone: registryPhone, organisationNumber: organisationNumber)
        guard let start = SiteAddress.startAddress(website) else {
            return await failed(nil, DiscoveryProblem(code: .siteInvalidAddress, message: "\"\(website)\" is not a web address"),
                                registry: registry, sites: [])
        }
        var budget = FetchBudget(limit: options.maxFetches)
        let fetcher = HomePageFetcher(http: http)
        var response: HTTPResponse
        var address: WebAddress
        var notes: [DiscoveryProblem] = []
        switch await fetcher.fetch(start, budget: &budget) {
        case .failed(let problem):
            return await failed(nil, problem, registry: registry, sites: [start])
        case .page(let pageResponse, let pageAddress, let note):
            response = pageResponse
            address = pageAddress
            notes += note.map { [$0] } ?? []
        }
        if let problem = HomePageFetcher.problem(with: response) {
            return await failed(address.description, problem, registry: registry, sites: [start, address])
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
        var result = await complete(analysis, organisationName: organisationName, registry: registry, budget: &budget,
                                    sites: [start])
        result.problems.insert(contentsOf: notes, at: 0)
        // "Org.nr." printed on the site, but never ours: the register may point at a parent
        // body's or a vendor's site, whose logo would be the wrong organisation's.
        if let number = organisationNumber?.filter({ !$0.isWhitespace }), !result.organisationNumbers.isEmpty,
           !result.organisationNumbers.contains(number) {
            result.problems.append(DiscoveryProblem(
                code: .siteOtherOrganisationNumber,
                message: "the site prints organisation number \(result.organisationNumbers.joined(separator: ", ")), not \(number): it may be another organisation's site; check the logo and contacts"))
        }
        return result
    }

    /// Discovery over a saved page: `html` is treated as if fetched from `url`. Logo files and
    /// contact pages are still fetched through `http`.
    public func discover(html: Data, url: String, organisationName: String?) async -> DiscoveryResult {
        await withinOrganisationTimeout { await $0.discoverSavedPage(html: html, url: url, organisationName: organisationName) }
    }

    private func discoverSavedPage(html: Data, url: String, organisationName: String?) async -> DiscoveryResult {
        guard let address = WebAddress(url) else {
            return await failed(url, DiscoveryProblem(code: .siteInvalidAddress, message: "\"\(url)\" is not an http(s) URL"),
                                registry: RegistryContacts(), sites: [])
        }
        let analysis = PageAnalyser.analyse(bytes: [UInt8](html), contentType: nil, url: address, organisationName: organisationName,
                                            pageTextNameHint: options.nameHintFromPageText)
        var budget = FetchBudget(limit: options.maxFetches)
        return await complete(analysis, organisationName: organisationName, registry: RegistryContacts(), budget: &budget, sites: [])
    }

    // MARK: - Steps

    /// What the register says about the organisation besides its website.
    private struct RegistryContacts {
        var email: String?
        var phone: String?
        var organisationNumber: String?
    }

    private func analyse(_ response: HTTPResponse, at address: WebAddress, organisationName: String?) -> PageAnalysis {
        PageAnalyser.analyse(bytes: [UInt8](response.body), contentType: response.header("content-type"), url: address,
                             organisationName: organisationName, pageTextNameHint: options.nameHintFromPageText)
    }

    /// `sites`: other addresses the site is known by (the register's), besides the document URL.
    private func complete(_ analysis: PageAnalysis, organisationName: String?, registry: RegistryContacts,
                          budget: inout FetchBudget, sites: [WebAddress]) async -> DiscoveryResult {
        var problems: [DiscoveryProblem] = []
        if analysis.looksLikeScriptShell {
            problems.append(DiscoveryProblem(code: .siteScriptOnly,
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
        var variantFacts: [String: VariantFacts] = [:]
        for evidence in analysis.logoEvidence {
            if let url = evidence.url { hints[url] = evidence.format }
            if let inline = evidence.inlineSVG, let sprite = evidence.spriteReference { sprites[inline] = sprite }
            // The ranking keeps one candidate per key; the facts of the evidence shown outside the footer win.
            let key = VariantFacts.key(url: evidence.url, inlineSVG: evidence.inlineSVG, element: evidence.element)
            let facts = VariantFacts(evidence)
            if let known = variantFacts[key], known.shownOnPage && (!known.inFooter || facts.inFooter || !facts.shownOnPage) { continue }
            variantFacts[key] = facts
        }
        let reserve = contactPageReserve(analysis, budget)
        let evaluator = LogoEvaluator(http: http, validator: validator,
                                      maxFetches: min(options.maxLogoFetches, max(0, budget.remaining - reserve)))
        let variants = LogoVariantSelector(http: http, validator: validator, renderer: LogoRenderer(limits: options.renderLimits), facts: variantFacts,
                                           organisationName: organisationName, reserve: reserve)
        var logos = await evaluator.evaluate(analysis.logoCandidates, hints: hints, sprites: sprites, variants: variants,
                                             budget: &budget)
        if logos.winner == nil {
            logos = await withWikidata(logos, registry: registry, sites: sites + [analysis.documentURL])
        }
        // Still no SVG: keep the page's own raster logo, so staff see what the site shows.
        var rasterFallback: RasterLogo?
        if logos.winner == nil {
            rasterFallback = await RasterFallbackFinder(http: http).find(
                in: &logos.candidates, budget: &budget, reserve: contactPageReserve(analysis, budget))
            if let rasterFallback, let position = logos.problems.firstIndex(where: { $0.code == .logoOnlyRaster }) {
                let image = "\(rasterFallback.format.displayName) \(rasterFallback.width)×\(rasterFallback.height) image"
                logos.problems[position].message += "; meanwhile the \(image) is kept as the raster fallback"
            }
        }
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

        let fromRegistry = Self.registryEvidence(registry)
        let siteEmails = Set(emails.map(\.address)), sitePhones = Set(phones.map(\.number.e164))
        emails += fromRegistry.emails
        phones += fromRegistry.phones
        var rankedEmails = ContactRanking.rankEmails(emails, siteDomain: analysis.documentURL.registrableDomain)
        var rankedPhones = ContactRanking.rankPhones(phones)
        problems += [
            ContactRanking.noteRegistryDisagreement(&rankedEmails, siteValues: siteEmails,
                                                    registryValue: fromRegistry.emails.first?.address, what: "email"),
            ContactRanking.noteRegistryDisagreement(&rankedPhones, siteValues: sitePhones,
                                                    registryValue: fromRegistry.phones.first?.number.e164, what: "phone"),
        ].compactMap { $0 }
        if rankedEmails.isEmpty {
            problems.append(DiscoveryProblem(code: .emailNoneFound, message: "no email address on the site\(followed > 0 ? " or its \(followed) contact page(s)" : "") or in the register"))
        }
        if rankedPhones.isEmpty {
            problems.append(DiscoveryProblem(code: .phoneNoneFound, message: "no Norwegian phone number on the site\(followed > 0 ? " or its \(followed) contact page(s)" : "") or in the register"))
        }
        var result = DiscoveryResult(documentURL: analysis.documentURL.description, candidates: logos.candidates, logo: logos.winner,
                                     emails: rankedEmails, phones: rankedPhones, nameHints: analysis.nameHints, problems: problems,
                                     organisationNumbers: organisationNumbers, rasterFallback: rasterFallback)
        result.symbol = logos.symbol
        result.logoVariants = logos.variants
        return result
    }

    /// Requests kept back for contact pages when the home page lacks an email or a phone.
    private func contactPageReserve(_ analysis: PageAnalysis, _ budget: FetchBudget) -> Int {
        guard analysis.emails.isEmpty || analysis.phones.isEmpty else { return 0 }
        return min(options.maxContactPages, analysis.contactLinks.count, max(0, budget.remaining - 2))
    }

    /// The result for an organisation that registers no website: the register's contacts, and
    /// a logo from its Wikidata item when it has one (flagged for review: there is no site to
    /// check the item against).
    public func withoutWebsite(organisationNumber: String?, registryEmail: String?, registryPhone: String?) async -> DiscoveryResult {
        await withinOrganisationTimeout {
            await $0.failed(nil, DiscoveryProblem(code: .siteNoneRegistered,
                                                  message: "the register has no website (hjemmeside) for this organisation"),
                            registry: RegistryContacts(email: registryEmail, phone: registryPhone, organisationNumber: organisationNumber),
                            sites: [])
        }
    }

    /// Runs `discovery` with every request under one deadline, `options.organisationTimeout` from
    /// now; when the deadline cut anything short, the result says so first (`site.timeout`).
    private func withinOrganisationTimeout(_ discovery: (SiteDiscoverer) async -> DiscoveryResult) async -> DiscoveryResult {
        guard let limit = options.organisationTimeout else { return await discovery(self) }
        let bounded = DeadlineFetcher(wrapping: http, limit: limit)
        var unbounded = options
        unbounded.organisationTimeout = nil
        var result = await discovery(SiteDiscoverer(http: bounded, validator: validator, options: unbounded))
        if bounded.deadlineReached {
            result.problems.insert(DiscoveryProblem(
                code: .siteTimeout,
                message: "the site did not answer everything within the organisation timeout (\(DeadlineFetcher.seconds(limit)) s): the requests still open were stopped, and only what was found before then is used"),
                                   at: 0)
        }
        return result
    }

    /// The result for an organisation that registers no website: only the register's contacts.
    public static func withoutWebsite(registryEmail: String?, registryPhone: String?) -> DiscoveryResult {
        let (emails, phones) = Self.registryEvidence(RegistryContacts(email: registryEmail, phone: registryPhone))
        var problems = [DiscoveryProblem(code: .siteNoneRegistered,
                                         message: "the register has no website (hjemmeside) for this organisation; a logo must be supplied by hand")]
        if emails.isEmpty { problems.append(DiscoveryProblem(code: .emailNoneFound, message: "site not read; no email in the register")) }
        if phones.isEmpty { problems.append(DiscoveryProblem(code: .phoneNoneFound, message: "site not read; no phone in the register")) }
        return DiscoveryResult(documentURL: nil, candidates: [], logo: nil, emails: ContactRanking.rankEmails(emails, siteDomain: nil),
                               phones: ContactRanking.rankPhones(phones), nameHints: [], problems: problems)
    }

    /// The register's email and phone as contact evidence.
    private static func registryEvidence(_ registry: RegistryContacts) -> (emails: [EmailEvidence], phones: [PhoneEvidence]) {
        var emails: [EmailEvidence] = []
        var phones: [PhoneEvidence] = []
        if let email = registry.email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(), ContactExtractor.isPlausibleEmail(email) {
            emails.append(EmailEvidence(address: email, foundBy: .registry, foundAt: nil))
        }
        if let phone = registry.phone, let number = NorwegianPhoneNumber(phone) {
            phones.append(PhoneEvidence(number: number, foundBy: .registry, foundAt: nil))
        }
        return (emails, phones)
    }

    /// A result for a site that could not be read: the register's contacts, and a logo from
    /// Wikidata when the organisation has one there.
    private func failed(_ url: String?, _ problem: DiscoveryProblem, registry: RegistryContacts, sites: [WebAddress]) async -> DiscoveryResult {
        let (emails, phones) = Self.registryEvidence(registry)
        var problems = [problem]
        let logos = await withWikidata(LogoEvaluator.Evaluation(candidates: [], winner: nil, problems: []), registry: registry, sites: sites,
                                       siteReason: "the site was not read (\(problem.code))")
        problems += logos.problems.filter { $0.code != .logoNoneFound }
        if emails.isEmpty { problems.append(DiscoveryProblem(code: .emailNoneFound, message: "site not read; no email in the register")) }
        if phones.isEmpty { problems.append(DiscoveryProblem(code: .phoneNoneFound, message: "site not read; no phone in the register")) }
        return DiscoveryResult(documentURL: url, candidates: logos.candidates, logo: logos.winner,
                               emails: ContactRanking.rankEmails(emails, siteDomain: sites.last?.registrableDomain),
                               phones: ContactRanking.rankPhones(phones), nameHints: [], problems: problems)
    }

    /// The site's logo evaluation, completed from Wikidata when the site gave no winner and the
    /// organisation number is known. A Wikidata logo replaces `logo.none-found` with
    /// `logo.from-wikidata`; the site's more specific reasons (`logo.only-raster`…) stay.
    private func withWikidata(_ site: LogoEvaluator.Evaluation, registry: RegistryContacts, sites: [WebAddress],
                              siteReason: String? = nil) async -> LogoEvaluator.Evaluation {
        guard site.winner == nil, options.useWikidata, let number = registry.organisationNumber else { return site }
        let finder = WikidataLogoFinder(http: http, validator: validator, apiURL: options.wikidataAPIURL,
                                        filePathURL: options.commonsFilePathURL)
        let found = await finder.find(organisationNumber: number, sites: sites)
        var result = site
        result.problems += found.problems
        guard let winner = found.winner else {
            result.candidates += found.candidates
            return result
        }
        result.winner = winner
        result.candidates = found.candidates.filter { $0.outcome == .accepted } + site.candidates
            + found.candidates.filter { $0.outcome != .accepted }
        let why = siteReason ?? site.problems.first { $0.code == .logoNoneFound }?.message ?? "no acceptable SVG logo on the site"
        result.problems.removeAll { $0.code == .logoNoneFound }
        result.problems.insert(DiscoveryProblem(
            code: .logoFromWikidata,
            message: "\(why); the logo is \(winner.candidate.element) from Commons (\(winner.candidate.url ?? "")): "
                + winner.candidate.reasons.joined(separator: "; ")), at: 0)
        if let confidence = winner.confidence, confidence < LogoEvaluator.reviewBelow {
            result.problems.append(DiscoveryProblem(
                code: .logoLowConfidence,
                message: "the logo from \(winner.candidate.element) has confidence \(confidence): \(winner.candidate.reasons.last ?? ""); check it by hand"))
        }
        return result
    }
}
