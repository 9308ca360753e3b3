import ArgumentParser
import CurlHTTP
import Daemon
import Discovery
import FileIO
import Foundation
import LogoRendering
internal import HTTPCache
import OrgModel
import Profiles
import Registry
import SVGValidation

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Run discovery on one website (or a saved page) and explain every logo and contact candidate.")

    @OptionGroup var operatorOptions: OperatorOptions

    @Option(
        name: .customLong("config"),
        help: """
            JSON configuration file, as for refresh: its HTTP settings, wikidata and organisation-timeout apply \
            (default \(ConfigurationSources.defaultFilePath); a missing default file is no error).
            """)
    var configFile: String?

    @Option(name: .long, help: "A saved HTML page to inspect instead of fetching URL.")
    var html: String?

    @Option(name: .long, help: "With --html: the URL the page was saved from (resolves its links).")
    var url: String?

    @Option(name: .long, help: "The organisation's name, which helps rank logos and contacts.")
    var name: String = ""

    @Option(name: .long, help: "The organisation number (9 digits; spaces, dots, NO and MVA are ignored): looks the organisation up on Wikidata when the site has no acceptable SVG logo.")
    var orgnr: String?

    @Flag(name: .customLong("no-wikidata"), help: "Never ask Wikidata for a logo.")
    var noWikidata = false

    @Option(name: .customLong("wikidata-api-url"), help: "Wikidata's MediaWiki API (default https://www.wikidata.org/w/api.php).")
    var wikidataAPIURL: String?

    @Option(name: .customLong("commons-file-path-url"), help: "Prefix for Commons file names (default https://commons.wikimedia.org/wiki/Special:FilePath/).")
    var commonsFilePathURL: String?

    @Option(
        name: .customLong("state-dir"),
        help: "Revalidate pages and logos against the HTTP cache in this state directory (the daemon's), so unchanged ones show as 304.")
    var stateDirectory: String?

    @Flag(name: .long, help: "Print the discovery result as JSON.")
    var json = false

    @Argument(help: "Website URL or bare host (www.digdir.no).")
    var website: String?

    /// `--orgnr`, checked by `validate()`.
    private var organisationNumber: OrganisationNumber? { orgnr.flatMap { try? OrganisationNumber(validating: $0) } }

    func validate() throws {
        if html == nil && website == nil { throw ValidationError("give a website URL, or --html FILE --url URL") }
        if html != nil && url == nil { throw ValidationError("--html needs --url: the address the page was saved from") }
        if html != nil && website != nil { throw ValidationError("give either a website or --html, not both") }
        if let orgnr {
            do {
                _ = try OrganisationNumber(validating: orgnr)
            } catch {
                throw ValidationError("--orgnr: \(error.description)")
            }
        }
    }

    func run() async throws {
        // The same configuration as `refresh` (flags, ORGPROFILE_* variables, the file), checked the same way.
        let configuration: DaemonConfiguration
        do {
            configuration = try DaemonConfiguration.load(
                ConfigurationSources(flags: operatorOptions.configurationFlags, filePath: configFile))
        } catch {
            printError(error.description)
            throw Exit.config
        }
        let client = CurlHTTPClient(settings: configuration.http)
        try await client.closing { try await inspect(configuration, client: client) }
    }

    private func inspect(_ configuration: DaemonConfiguration, client: CurlHTTPClient) async throws {
        var upstream: any HTTPFetching = client
        // Only a state directory given here: inspecting never writes into the daemon's by surprise.
        if let stateDirectory, configuration.httpCacheMegabytes > 0 {
            do {
                upstream = try RevalidatingCache(
                    wrapping: upstream, directory: RevalidatingCache.directory(inStateDirectory: stateDirectory),
                    limitBytes: configuration.httpCacheMegabytes * 1024 * 1024)
            } catch {
                printError("\(error)")
                throw Exit.ioError
            }
        }
        let http = FetchLog(upstream)
        var options = configuration.discoveryOptions
        if noWikidata { options.useWikidata = false }
        if let wikidataAPIURL { options.wikidataAPIURL = wikidataAPIURL }
        if let commonsFilePathURL { options.commonsFilePathURL = commonsFilePathURL }
        let discoverer = SiteDiscoverer(http: http, validator: SVGValidator(), options: options)
        let result: DiscoveryResult
        if let html, let url {
            guard let data = FileManager.default.contents(atPath: html) else {
                printError("\(html) cannot be read")
                throw Exit.noInput
            }
            result = await discoverer.discover(html: data, url: url, organisationName: name.isEmpty ? nil : name)
        } else {
            result = await discoverer.discover(website: website!, organisationName: name, organisationNumber: organisationNumber?.digits,
                                               registryEmail: nil, registryPhone: nil)
        }
        if json {
            print(String(decoding: try InspectReport.json(result), as: UTF8.self))
        } else {
            // Page text and URLs are the site's: control characters are shown escaped, line by line.
            let text = InspectReport.text(result, fetches: http.all)
            print(text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).visiblyEscaped }.joined(separator: "\n"))
        }
        if result.documentURL == nil { throw Exit.unavailable }
    }
}

/// Renders a discovery result for people and for programs.
enum InspectReport {
    struct JSONShape: Encodable {
        struct Logo: Encodable {
            var url: String?
            var foundBy: SourceCode
            var score: Double
            var verdict: String?
            var confidence: Double?
            /// What the drawing shows, when discovery rendered it (`wordmark`/`symbol`/`icon`, `dark`/`light`).
            var kind: String?
            var theme: String?

            init(_ evaluated: EvaluatedLogoCandidate) {
                url = evaluated.candidate.url
                foundBy = evaluated.candidate.source.sourceCode
                score = evaluated.candidate.score
                verdict = evaluated.validation?.verdict.rawValue
                confidence = evaluated.confidence
                kind = evaluated.rendering?.kind?.rawValue
                theme = evaluated.rendering?.theme?.rawValue
            }
        }
        struct Candidate: Encodable {
            var url: String?; var source: String; var element: String; var score: Double; var reasons: [String]
            var outcome: CandidateOutcome; var verdict: String?; var detail: String?; var findings: [SVGFinding]
            /// Inline SVG candidates: the serialised SVG exactly as a refresh would save it, and its SHA-256.
            var markup: String?; var sha256: String?
            /// For the candidates discovery drew to choose between variants.
            var rendering: RenderReport?
        }
        /// The page's raster logo a refresh would keep beside the profile while there is no SVG logo.
        struct RasterFallback: Encodable {
            var url: String
            var foundBy: String
            var element: String
            var format: String
            var width: Int
            var height: Int
            var byteCount: Int
            var sha256: String
        }
        var documentURL: String?
        var logo: Logo?
        var rasterFallback: RasterFallback?
        /// The symbol kept beside a wordmark logo.
        var symbol: Logo?
        /// Which variant won and why (a dark variant over a logo invisible on white, a wordmark over a symbol).
        var logoVariants: [LogoVariantChoice]
        var candidates: [Candidate]
        var email: ContactCandidate?
        var phone: PhoneShape?
        var emails: [ContactCandidate]
        var phones: [ContactCandidate]
        var nameHints: [NameHint]
        var organisationNumbers: [String]
        var problems: [DiscoveryProblem]
        struct PhoneShape: Encodable { var e164: String; var display: String?; var foundBy: SourceCode; var foundAt: String? }
    }

    static func json(_ result: DiscoveryResult) throws -> Data {
        let shape = JSONShape(
            documentURL: result.documentURL,
            logo: result.logo.map(JSONShape.Logo.init),
            rasterFallback: result.rasterFallback.map {
                .init(
                    url: $0.url, foundBy: $0.foundBy.rawValue, element: $0.element, format: $0.format.rawValue, width: $0.width,
                    height: $0.height, byteCount: $0.bytes.count, sha256: SHA256.hex($0.bytes))
            },
            symbol: result.symbol.map(JSONShape.Logo.init), logoVariants: result.logoVariants,
            candidates: result.candidates.map {
                .init(url: $0.candidate.url, source: $0.candidate.source.rawValue, element: $0.candidate.element, score: $0.candidate.score,
                      reasons: $0.candidate.reasons, outcome: $0.outcome, verdict: $0.validation?.verdict.rawValue, detail: $0.detail,
                      findings: $0.validation?.findings ?? [], markup: inlineMarkup($0).map { String(decoding: $0, as: UTF8.self) },
                      sha256: inlineMarkup($0).map { SHA256.hex($0) }, rendering: $0.rendering)
            },
            email: result.email,
            phone: result.phone.map { .init(e164: $0.value, display: $0.display, foundBy: $0.foundBy, foundAt: $0.foundAt) },
            emails: result.emails, phones: result.phones, nameHints: result.nameHints,
            organisationNumbers: result.organisationNumbers, problems: result.problems)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(shape)
    }

    /// The bytes of an inline SVG candidate as a refresh would save them: the validated copy
    /// (sprite symbols copied in), else the serialised markup from the page.
    static func inlineMarkup(_ evaluated: EvaluatedLogoCandidate) -> Data? {
        guard let inline = evaluated.candidate.inlineSVG else { return nil }
        return evaluated.svg ?? Data(inline.utf8)
    }

    static func text(_ result: DiscoveryResult, fetches: [FetchLog.Entry] = []) -> String {
        var lines: [String] = []
        lines.append("page: \(result.documentURL ?? "(not fetched)")")
        if let logo = result.logo {
            lines.append("logo: \(logo.candidate.url ?? "inline SVG on the page") (\(logo.candidate.source.rawValue), score \(format(logo.candidate.score))\(logo.confidence.map { ", confidence \(format($0))" } ?? ""))")
        } else {
            lines.append("logo: none accepted")
            if let raster = result.rasterFallback {
                let size = "\(raster.format.rawValue.uppercased()) \(raster.width)×\(raster.height), \(raster.bytes.count) bytes"
                lines.append(
                    "raster fallback: \(raster.url) (\(size), \(raster.foundBy.rawValue)): "
                        + "kept beside the profile until an SVG logo is found")
            } else {
                lines.append("raster fallback: none (no raster image the page shows as its logo passed the checks)")
            }
        }
        if let symbol = result.symbol {
            lines.append("symbol: \(symbol.candidate.url ?? "inline SVG on the page") (\(symbol.candidate.source.rawValue), \(symbol.rendering?.kind?.rawValue ?? "symbol"))")
        }
        for choice in result.logoVariants {
            lines.append("variant [\(choice.reason.rawValue)\(choice.via.map { ", \($0.rawValue)" } ?? "")]: \(choice.explanation)")
        }
        lines.append("candidates (by score; a Wikidata fallback, when used, first):")
        if result.candidates.isEmpty { lines.append("  (none)") }
        for (index, evaluated) in result.candidates.enumerated() {
            let candidate = evaluated.candidate
            let chosen = result.logo.map { $0.candidate == candidate } ?? false
            lines.append("  \(index + 1). [\(candidate.source.rawValue)] score \(format(candidate.score)) -> \(evaluated.outcome)\(chosen ? "  <- chosen" : "")")
            lines.append("     url: \(candidate.url ?? "(inline SVG)")")
            lines.append("     element: \(candidate.element)")
            if !candidate.reasons.isEmpty { lines.append("     why: \(candidate.reasons.joined(separator: "; "))") }
            let fetched = evaluated.detail.map { " (\($0))" } ?? ""
            lines.append("     validator: \(evaluated.validation.map { $0.verdict.rawValue } ?? "not run: \(evaluated.outcome)")\(fetched)")
            for finding in evaluated.validation?.findings ?? [] {
                lines.append("     \(finding.severity.rawValue)[\(finding.code)]\(finding.line.map { " line \($0)" } ?? ""): \(finding.message)")
            }
            if let drawn = evaluated.rendering {
                let look = [drawn.kind?.rawValue, drawn.theme.map { "theme \($0.rawValue)" }].compactMap { $0 }.joined(separator: ", ")
                lines.append("     drawn: \(look.isEmpty ? "not usable" : look)\(drawn.codes.isEmpty ? "" : " (\(drawn.codes.joined(separator: ", ")))")")
            }
        }
        lines.append("email: \(result.email.map { "\($0.value) (\($0.foundBy) at \($0.foundAt ?? "?"))" } ?? "none")")
        for other in result.emails.dropFirst() { lines.append("  also: \(other.value) (\(other.foundBy), score \(format(other.score)))") }
        lines.append("phone: \(result.phone.map { "\($0.display ?? $0.value) \($0.value) (\($0.foundBy) at \($0.foundAt ?? "?"))" } ?? "none")")
        for other in result.phones.dropFirst() { lines.append("  also: \(other.display ?? other.value) (\(other.foundBy), score \(format(other.score)))") }
        if !result.nameHints.isEmpty { lines.append("name on the site: " + result.nameHints.map { "\($0.text) (\($0.source))" }.joined(separator: ", ")) }
        if !result.organisationNumbers.isEmpty { lines.append("org.nr. on the site: " + result.organisationNumbers.joined(separator: ", ")) }
        for problem in result.problems { lines.append("problem [\(problem.code)]: \(problem.message)") }
        if !fetches.isEmpty {
            let revalidated = fetches.filter(\.revalidated).count
            lines.append("fetches: \(fetches.count)\(revalidated > 0 ? ", \(revalidated) unchanged (304, stored copy used)" : "")")
            for fetch in fetches {
                let status = fetch.revalidated ? "304" : fetch.status.map { String($0) } ?? "failed"
                lines.append("  \(status) \(fetch.url)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ score: Double) -> String { String(format: "%.2f", score) }
}
