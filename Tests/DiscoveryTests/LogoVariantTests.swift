import CurlHTTP
import Foundation
import LogoRendering
import OrgModel
import SVGValidation
import TestSupport
import Testing

@testable import Discovery

/// Issue 10: a logo invisible on white loses to a dark variant of it on the same site, and a
/// wordmark beats a symbol of the same organisation. Discovery end to end against the fictional
/// variant sites of the loopback test web (`Tests/TestWeb/README.md`, "Logo variant sites").
@Suite struct LogoVariantTests {
    static func discover(_ host: String, name: String, options: DiscoveryOptions = DiscoveryOptions(useWikidata: false)) async
        -> DiscoveryResult
    {
        await SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings()), validator: SVGValidator(), options: options)
            .discover(website: host, organisationName: name, registryEmail: nil, registryPhone: nil)
    }

    static func describe(_ result: DiscoveryResult) -> String {
        result.candidates.map {
            "\($0.candidate.source.rawValue) \($0.candidate.url ?? "inline") \($0.outcome) \($0.candidate.score) "
                + "\($0.rendering?.codes ?? []) \($0.rendering?.kind?.rawValue ?? "-")"
        }.joined(separator: "\n") + "\nvariants: \(result.logoVariants)\nproblems: \(result.problems)"
    }

    /// The white header logo, as discovery judged and rendered it.
    static func whiteLogo(_ result: DiscoveryResult, _ url: String) -> EvaluatedLogoCandidate? {
        result.candidates.first { $0.candidate.url == url }
    }

    @Test func aPictureSourceForLightBackgroundsWinsOverTheWhiteHeaderLogo() async throws {
        let result = await Self.discover("www.lysverket.test", name: "LYSVERKET")
        let white = "https://www.lysverket.test/img/lysverket-logo.svg"
        #expect(result.logo?.candidate.url == "https://www.lysverket.test/img/lysverket-logo-positiv.svg", "\(Self.describe(result))")
        #expect(result.logo?.rendering?.theme == .dark)
        #expect(result.logo?.outcome == .accepted)
        let lost = try #require(Self.whiteLogo(result, white), "\(Self.describe(result))")
        #expect(lost.rendering?.codes.contains(SVGFinding.Code.invisibleOnWhite.rawValue) == true)
        let choice = try #require(result.logoVariants.first { $0.reason == .darkVariant }, "\(Self.describe(result))")
        #expect(choice.via == .pictureSource)
        #expect(choice.replaced == white)
        #expect(!result.problems.contains { $0.code == .logoLightOnly })
    }

    @Test func aDarkSiblingFileWinsOverTheWhiteHeaderLogo() async throws {
        let result = await Self.discover("www.kveldsverket.test", name: "KVELDSVERKET")
        #expect(
            result.logo?.candidate.url == "https://www.kveldsverket.test/assets/brand/kveldsverket-logo-dark.svg",
            "\(Self.describe(result))")
        #expect(result.logo?.rendering?.theme == .dark)
        let choice = try #require(result.logoVariants.first { $0.reason == .darkVariant }, "\(Self.describe(result))")
        #expect(choice.via == .siblingFile)
        #expect(choice.replaced == "https://www.kveldsverket.test/assets/brand/kveldsverket-logo.svg")
        // The white original keeps its place in the explanation.
        #expect(Self.whiteLogo(result, "https://www.kveldsverket.test/assets/brand/kveldsverket-logo.svg")?.rendering?.theme == .light)
    }

    @Test func theFooterLogoWinsOverTheWhiteHeaderLogoButAPartnerNever() async throws {
        let result = await Self.discover("www.nattverket.test", name: "NATTVERKET")
        #expect(result.logo?.candidate.url == "https://www.nattverket.test/img/nattverket-bunn.svg", "\(Self.describe(result))")
        let choice = try #require(result.logoVariants.first { $0.reason == .darkVariant }, "\(Self.describe(result))")
        #expect(choice.via == .footerLogo)
        #expect(result.logo?.candidate.url?.contains("partner") == false)
    }

    @Test func aSiteWithOnlyALightLogoKeepsItAndSaysSo() async throws {
        let result = await Self.discover("www.skumringsverket.test", name: "SKUMRINGSVERKET")
        let white = "https://www.skumringsverket.test/img/skumringsverket-logo-hvit.svg"
        #expect(result.logo?.candidate.url == white, "\(Self.describe(result))")
        #expect(result.logo?.rendering?.theme == .light)
        let problem = try #require(result.problems.first { $0.code == .logoLightOnly }, "\(Self.describe(result))")
        #expect(problem.message.contains("light backgrounds"))
        #expect(result.logoVariants.contains { $0.reason == .noDarkVariant })
    }

    @Test func noSiblingIsGuessedBeyondTheSiteBudget() async throws {
        // The home page, the header logo and /favicon.svg use the whole budget: no guess is
        // fetched, the white logo stays and the profile says why.
        let result = await Self.discover(
            "www.kveldsverket.test", name: "KVELDSVERKET", options: DiscoveryOptions(maxFetches: 3, useWikidata: false))
        #expect(
            result.logo?.candidate.url == "https://www.kveldsverket.test/assets/brand/kveldsverket-logo.svg", "\(Self.describe(result))")
        #expect(result.problems.contains { $0.code == .logoLightOnly })
        #expect(!result.candidates.contains { $0.candidate.url?.hasSuffix("-dark.svg") == true })
        #expect(result.problems.first { $0.code == .logoLightOnly }?.message.contains("request budget") == true)
    }

    @Test func theWordmarkIsTheLogoAndTheSymbolIsKept() async throws {
        let result = await Self.discover("www.ordmerkeverket.test", name: "ORDMERKEVERKET")
        #expect(result.logo?.candidate.url == "https://www.ordmerkeverket.test/grafikk/ordmerke.svg", "\(Self.describe(result))")
        #expect(result.logo?.rendering?.kind == .wordmark)
        #expect(result.symbol?.candidate.url == "https://www.ordmerkeverket.test/grafikk/merke.svg")
        #expect(result.symbol?.rendering?.kind == .symbol)
        #expect(result.symbol?.svg != nil)
        let choice = try #require(result.logoVariants.first { $0.reason == .wordmarkOverSymbol }, "\(Self.describe(result))")
        #expect(choice.replaced == "https://www.ordmerkeverket.test/grafikk/merke.svg")
    }

    @Test func aLogoAloneHasNoSymbolAndNoVariantNote() async throws {
        // A site whose visible wordmark is its only page logo: nothing to choose between.
        let result = await Self.discover("www.lysverket.test", name: "LYSVERKET")
        #expect(result.symbol == nil)
        #expect(!result.logoVariants.contains { $0.reason == .wordmarkOverSymbol })
    }

    @Test(arguments: [
        ("kveldsverket-logo.svg", "kveldsverket-logo-dark.svg"),
        ("logo-white.svg", "logo-dark.svg"),
        ("logo-white.svg", "logo.svg"),
        ("Logo_Negative.svg", "Logo_Positive.svg"),
        ("brand.svg", "brand_dark.svg"),
        ("brand.svg", "brand-black.svg"),
        ("skumringsverket-logo-hvit.svg", "skumringsverket-logo.svg"),
    ])
    func siblingNamesAreDerivedFromTheChosenFileName(_ chosen: String, _ expected: String) {
        #expect(LogoVariants.siblingNames(of: chosen).contains(expected), "\(LogoVariants.siblingNames(of: chosen))")
    }

    @Test func siblingNamesNeverRepeatTheChosenFileAndTheLikeliestComeFirst() {
        let names = LogoVariants.siblingNames(of: "logo-white.svg")
        #expect(!names.contains("logo-white.svg"))
        #expect(Array(names.prefix(2)) == ["logo-dark.svg", "logo.svg"])
        #expect(LogoVariants.siblingNames(of: "logo.svg").first == "logo-dark.svg")
        #expect(LogoVariants.siblingNames(of: "logo.png").isEmpty)
    }
}
