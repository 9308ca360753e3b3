import CurlHTTP
import Foundation
import SVGValidation
import Testing
import TestSupport
@testable import Discovery

/// Reading Wikidata's API answers and deciding whether an item may lend its logo.
@Suite("Wikidata")
struct WikidataTests {
    static let search = #"{"batchcomplete":"","query":{"searchinfo":{"totalhits":2},"search":[{"ns":0,"title":"Q11970373","pageid":1},{"ns":0,"title":"Property:P2333","pageid":2},{"ns":0,"title":"Q42","pageid":3}]}}"#

    static func statement(_ value: String, rank: String = "normal", ended: Bool = false) -> String {
        let qualifiers = ended ? #","qualifiers":{"P582":[{"snaktype":"value","property":"P582"}]}"# : ""
        return #"{"mainsnak":{"snaktype":"value","property":"P","datavalue":{"value":"\#(value)","type":"string"}},"type":"statement","rank":"\#(rank)"\#(qualifiers)}"#
    }

    static let entities = #"""
    {"entities":{"Q11970373":{"type":"item","id":"Q11970373","claims":{
      "P154":[\#(statement("Old logo.svg", ended: true)),\#(statement("Bad logo.svg", rank: "deprecated")),\#(statement("Kommune logo.svg")),\#(statement("Best logo.svg", rank: "preferred"))],
      "P94":[\#(statement("Bærum komm.svg"))],
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
        #expect(entity.images.map(\.property) == ["P154", "P154", "P94"])
    }

    static let finder = WikidataLogoFinder(http: CurlHTTPClient(settings: TestWeb.shared.settings()), validator: SVGValidator(), apiURL: "https://www.wikidata.org/w/api.php",
                                           filePathURL: "https://commons.wikimedia.org/wiki/Special:FilePath/")

    @Test func requestURLs() {
        #expect(Self.finder.searchURL("974760673")
                == "https://www.wikidata.org/w/api.php?action=query&list=search&srsearch=haswbstatement:P2333=974760673&format=json")
        #expect(Self.finder.entitiesURL(["Q1", "Q2"]).contains("ids=Q1%7CQ2&props=claims"))
        #expect(Self.finder.filePath("Bærum komm.svg") == "https://commons.wikimedia.org/wiki/Special:FilePath/B%C3%A6rum_komm.svg")
        #expect(Self.finder.filePath("File:A&B logo (2020).svg")
                == "https://commons.wikimedia.org/wiki/Special:FilePath/A%26B_logo_(2020).svg")
    }

    static func entity(_ id: String, websites: [String]) -> WikidataEntity {
        WikidataEntity(id: id, logos: ["\(id).svg"], coatsOfArms: [], websites: websites)
    }

    @Test func itemNamingTheSiteIsChosenAndOneNamingAnotherSiteIsNot() {
        let site = [WebAddress("https://www.baerum.kommune.no/")!]
        let choice = WikidataLogoFinder.choose([Self.entity("Q1", websites: ["https://www.oslo.kommune.no/"]),
                                                Self.entity("Q2", websites: ["http://baerum.kommune.no"])], sites: site)
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
}
