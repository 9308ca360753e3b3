import CurlHTTP
import Foundation
import OrgModel
import SVGValidation
import TestSupport
import Testing

@testable import Discovery

/// Reading Wikidata's API answers and deciding whether an item may lend its logo.
@Suite("Wikidata")
struct WikidataTests {
    static let search =
        #"{"batchcomplete":"","query":{"searchinfo":{"totalhits":2},"search":[{"ns":0,"title":"Q11970373","pageid":1},{"ns":0,"title":"Property:P2333","pageid":2},{"ns":0,"title":"Q42","pageid":3}]}}"#

    static func statement(_ value: String, rank: String = "normal", ended: Bool = false) -> String {
        let qualifiers = ended ? #","qualifiers":{"P582":[{"snaktype":"value","property":"P582"}]}"# : ""
        return
            #"{"mainsnak":{"snaktype":"value","property":"P","datavalue":{"value":"\#(value)","type":"string"}},"type":"statement","rank":"\#(rank)"\#(qualifiers)}"#
    }

    static let entities = #"""
        {"entities":{"Q11970373":{"type":"item","id":"Q11970373","claims":{
          "P154":[\#(statement("Old logo.svg", ended: true)),\#(statement("Bad logo.svg", rank: "deprecated")),\#(statement("Kommune logo.svg")),\#(statement("Best logo.svg", rank: "preferred"))],
          "P94":[\#(statement("Bærum komm.svg"))],
          "P8972":[\#(statement("Bærum icon.svg"))],
          "P856":[\#(statement("https://www.baerum.kommune.no/"))]}},
         "Q404":{"id":"Q404","missing":""}},"success":1}
        """#

    @Test func searchGivesItemIDsOnly() {
        #expect(WikidataEntity.itemIDs(fromSearch: Data(Self.search.utf8)) == ["Q11970373", "Q42"])
        #expect(WikidataEntity.itemIDs(fromSearch: Data(#"{"query":{"search":[]}}"#.utf8)).isEmpty)
        #expect(WikidataEntity.itemIDs(fromSearch: Data("<html>".utf8)).isEmpty)
    }

    @Test func claimsSkipEndedAndDeprecatedAndPutPreferredFirst() throws {
        let entities = WikidataEntity.entities(from: Data(Self.entities.utf8), ids: ["Q11970373", "Q404"])
        let entity = try #require(entities.first)
        #expect(entities.count == 1)
        #expect(entity.logos == ["Best logo.svg", "Kommune logo.svg"])
        #expect(entity.coatsOfArms == ["Bærum komm.svg"])
        #expect(entity.websites == ["https://www.baerum.kommune.no/"])
        #expect(entity.images.map(\.property) == ["P154", "P154", "P94", "P8972"])
    }

    static let finder = WikidataLogoFinder(
        http: CurlHTTPClient(settings: TestWeb.shared.settings()), validator: SVGValidator(), apiURL: "https://www.wikidata.org/w/api.php",
        filePathURL: "https://commons.wikimedia.org/wiki/Special:FilePath/")

    @Test func requestURLs() {
        #expect(
            Self.finder.searchURL("974760673")
                == "https://www.wikidata.org/w/api.php?action=query&list=search&srsearch=haswbstatement:P2333=974760673&format=json")
        #expect(Self.finder.entitiesURL(["Q1", "Q2"]).contains("ids=Q1%7CQ2&props=claims"))
        #expect(Self.finder.filePath("Bærum komm.svg") == "https://commons.wikimedia.org/wiki/Special:FilePath/B%C3%A6rum_komm.svg")
        #expect(
            Self.finder.filePath("File:A&B logo (2020).svg")
                == "https://commons.wikimedia.org/wiki/Special:FilePath/A%26B_logo_(2020).svg")
    }

    static func entity(_ id: String, websites: [String]) -> WikidataEntity {
        WikidataEntity(id: id, logos: ["\(id).svg"], coatsOfArms: [], websites: websites)
    }

    @Test func itemNamingTheSiteIsChosenAndOneNamingAnotherSiteIsNot() {
        let site = [WebAddress("https://www.baerum.kommune.no/")!]
        let choice = WikidataLogoFinder.choose(
            [
                Self.entity("Q1", websites: ["https://www.oslo.kommune.no/"]),
                Self.entity("Q2", websites: ["http://baerum.kommune.no"]),
            ], sites: site)
        #expect(choice.entity?.id == "Q2")
        #expect(choice.websiteAgrees)

        let other = WikidataLogoFinder.choose([Self.entity("Q1", websites: ["https://www.oslo.kommune.no/"])], sites: site)
        #expect(other.entity == nil)
        #expect(other.why.contains("oslo.kommune.no"))
    }

    @Test func loneItemWithoutWebsiteIsUsedWithLowConfidence() {
        let site = [WebAddress("https://www.x.no/")!]
        let choice = WikidataLogoFinder.choose([Self.entity("Q1", websites: [])], sites: site)
        #expect(choice.entity?.id == "Q1")
        #expect(!choice.websiteAgrees)
        #expect(WikidataLogoFinder.confidence(property: "P154", websiteAgrees: false) < LogoEvaluator.reviewBelow)
        #expect(WikidataLogoFinder.confidence(property: "P94", websiteAgrees: true) >= LogoEvaluator.reviewBelow)
        // Two items without a website: neither is trusted.
        #expect(WikidataLogoFinder.choose([Self.entity("Q1", websites: []), Self.entity("Q2", websites: [])], sites: site).entity == nil)
    }

    // MARK: - Against the Wikidata/Commons double on the loopback test web

    static func discoverer(_ options: DiscoveryOptions = DiscoveryOptions()) -> SiteDiscoverer {
        SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)), validator: SVGValidator(), options: options)
    }

    static let filePath = "https://commons.wikimedia.org/wiki/Special:FilePath/"

    @Test func rasterOnlyKommuneGetsItsCoatOfArmsNotItsFlag() async throws {
        let result = await Self.discoverer().discover(
            website: "www.trondheim.kommune.no", organisationName: "TRONDHEIM KOMMUNE",
            organisationNumber: "942110464", registryEmail: nil, registryPhone: nil)
        let logo = try #require(result.logo, "\(result.problems)")
        #expect(logo.candidate.source == .wikidata)
        #expect(logo.candidate.url == Self.filePath + "Trondheim_komm.svg")
        #expect(logo.candidate.element.contains("P94"))
        #expect(logo.svg != nil)
        #expect((logo.confidence ?? 0) >= LogoEvaluator.reviewBelow)
        let codes = result.problems.map(\.code)
        #expect(
            codes.contains(.logoFromWikidata) && !codes.contains(.logoNoneFound) && !codes.contains(.logoLowConfidence), "\(codes)"
        )
        #expect(!result.candidates.contains { $0.candidate.url?.contains("Flag") == true })
        // The site's own (raster) candidates are still listed after the winner.
        #expect(result.candidates.first?.candidate.source == .wikidata)
        #expect(result.candidates.contains { $0.outcome == .raster })
    }

    @Test func preferredCurrentLogoBeatsTheEndedOneAndTheArms() async throws {
        let result = await Self.discoverer().discover(
            website: "www.nfk.no", organisationName: "NORDLAND FYLKESKOMMUNE",
            organisationNumber: "964982953", registryEmail: nil, registryPhone: nil)
        #expect(result.logo?.candidate.url == Self.filePath + "Nordland_fylkeskommune_logo.svg")
        #expect(result.logo?.candidate.element.contains("P154") == true)
    }

    @Test func blockedSiteIsReportedAndTheLogoComesFromWikidata() async throws {
        let result = await Self.discoverer().discover(
            website: "www.trondelagfylke.no", organisationName: "TRØNDELAG FYLKESKOMMUNE",
            organisationNumber: "817920632", registryEmail: "postmottak@trondelagfylke.no",
            registryPhone: "74 17 40 00")
        #expect(result.problems.first?.code == .siteBlocked, "\(result.problems)")
        #expect(result.logo?.candidate.url == Self.filePath + "Tr%C3%B8ndelag_fylkeskommune_logo.svg")
        #expect(result.logo?.svg != nil)
        #expect(result.email?.value == "postmottak@trondelagfylke.no")
    }

    @Test func itemWithoutImagesGivesNoLogo() async {
        let result = await Self.discoverer().discover(
            website: "www.smaavik.test", organisationName: "SMÅVIK KOMMUNE",
            organisationNumber: "999990045", registryEmail: nil, registryPhone: nil)
        #expect(result.logo == nil)
        #expect(result.problems.map(\.code).contains(.logoNoneFound))
        #expect(!result.candidates.contains { $0.candidate.source == .wikidata })
    }

    @Test func withoutTheNumberOrWhenTurnedOffWikidataIsNotAsked() async {
        let old = await Self.discoverer().discover(
            website: "www.trondheim.kommune.no", organisationName: "TRONDHEIM KOMMUNE",
            registryEmail: nil, registryPhone: nil)
        #expect(old.logo == nil)
        let off = await Self.discoverer(DiscoveryOptions(useWikidata: false))
            .discover(
                website: "www.trondheim.kommune.no", organisationName: "TRONDHEIM KOMMUNE", organisationNumber: "942110464",
                registryEmail: nil, registryPhone: nil)
        #expect(off.logo == nil)
        #expect(off.problems.map(\.code).contains(.logoNoneFound))
    }

    @Test func endpointsAreConfigurable() async {
        // An API address that serves nothing: no logo, and no request anywhere else.
        let options = DiscoveryOptions(
            wikidataAPIURL: "https://faults.test/status/404", commonsFilePathURL: "https://faults.test/status/404/")
        let result = await Self.discoverer(options).discover(
            website: "www.trondheim.kommune.no", organisationName: "TRONDHEIM KOMMUNE",
            organisationNumber: "942110464", registryEmail: nil, registryPhone: nil)
        #expect(result.logo == nil)
    }

    @Test func itemNamingAnotherSiteDoesNotLendItsLogo() async {
        let finder = WikidataLogoFinder(
            http: CurlHTTPClient(settings: TestWeb.shared.settings(maxRetries: 0)), validator: SVGValidator(),
            apiURL: "https://www.wikidata.org/w/api.php", filePathURL: Self.filePath)
        let outcome = await finder.find(organisationNumber: "942110464", sites: [WebAddress("https://www.oslo.kommune.no/")!])
        #expect(outcome.winner == nil)
        #expect(outcome.problems.map(\.code) == [.logoWikidataMismatch])
        #expect(outcome.problems.first?.message.contains("trondheim.kommune.no") == true)
    }

    @Test func organisationWithoutWebsiteMayGetAWikidataLogoFlaggedForReview() async {
        let result = await Self.discoverer().withoutWebsite(organisationNumber: "942110464", registryEmail: "post@x.no", registryPhone: nil)
        #expect(result.logo?.candidate.source == .wikidata)
        #expect(result.problems.map(\.code).contains(.logoLowConfidence), "\(result.problems)")
        #expect(result.problems.first?.code == .siteNoneRegistered)
    }
}
