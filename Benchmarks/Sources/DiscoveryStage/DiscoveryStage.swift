internal import CLibXML2
import Foundation

// Compiled into the benchmark copy of the Discovery module (next to the symlinked sources), so
// these public entry points reach the internal pure stages. Nothing here is in the shipped module.

/// One saved home page: the bytes a fetch would return and the URL it came from.
public struct SamplePage: Sendable {
    public let url: String
    public let bytes: [UInt8]
    public let organisationName: String?

    public init(url: String, bytes: [UInt8], organisationName: String?) {
        self.url = url
        self.bytes = bytes
        self.organisationName = organisationName
    }
}

/// A page already decoded and parsed, so contact extraction can be timed on its own.
public struct ParsedPage: @unchecked Sendable {
    let tree: HTMLTree
    let url: String
    let organisationName: String?
    let organisations: [JSONLDOrganisation]
    /// The visible text `ContactExtractor` searches (built once, for the regex baseline).
    public let visibleText: String
}

public enum DiscoveryStage {
    /// The pure part of home-page analysis, as `SiteDiscoverer` runs it on a fetched page:
    /// charset decoding → libxml2 HTML parse → tree copy → JSON-LD, logo candidates, ranking,
    /// contacts, name hints, contact links. Returns a count so the work cannot be optimised away.
    public static func analyse(_ page: SamplePage) -> Int {
        guard let url = WebAddress(page.url) else { return 0 }
        let analysis = PageAnalyser.analyse(
            bytes: page.bytes, contentType: nil, url: url, organisationName: page.organisationName,
            pageTextNameHint: DiscoveryOptions().nameHintFromPageText)
        return analysis.logoCandidates.count + analysis.emails.count + analysis.phones.count + analysis.nameHints.count
            + analysis.contactLinks.count
    }

    /// Only the first two steps of `analyse`: charset decoding and `HTMLParser.parse` (libxml2's
    /// parser building `HTMLTree` from its SAX events). Splits the analysis ratio into parse and the rest.
    public static func decodeAndParse(_ page: SamplePage) -> Int {
        HTMLParser.parse(utf8: HTMLTextDecoder.decode(page.bytes, contentType: nil).utf8).nodes.count
    }

    /// The floor: libxml2 parses the same bytes with the options Discovery uses, then frees the
    /// document. No decoding, no tree copy, no analysis.
    public static func bareLibXML2Parse(_ page: SamplePage) -> Int {
        page.bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                guard let document = htmlReadMemory(chars, Int32(buffer.count), nil, "UTF-8", HTMLParser.options) else {
                    return 0
                }
                xmlFreeDoc(document)
                return 1
            }
        }
    }

    public static func parse(_ page: SamplePage) -> ParsedPage {
        let tree = HTMLParser.parse(utf8: HTMLTextDecoder.decode(page.bytes, contentType: nil).utf8)
        return ParsedPage(
            tree: tree, url: page.url, organisationName: page.organisationName, organisations: JSONLDExtractor.organisations(in: tree),
            visibleText: PageText(tree: tree).text as String)
    }

    /// Logo candidates on a parsed page, as `PageAnalyser` finds them: JSON-LD organisations, the
    /// document's base URL, candidate collection (with page regions and labels), then ranking.
    public static func logoCandidates(_ page: ParsedPage) -> Int {
        guard let url = WebAddress(page.url) else { return 0 }
        let organisations = JSONLDExtractor.organisations(in: page.tree)
        let evidence = LogoCandidateCollector(tree: page.tree, resolver: DocumentURLResolver(document: url, tree: page.tree))
            .collect(organisations: organisations, organisationName: page.organisationName)
        return LogoRanking.rank(evidence, organisationName: page.organisationName).count
    }

    /// Contact extraction on a parsed page, as `PageAnalyser` runs it: visible text and page
    /// regions, then emails (mailto, Cloudflare, JSON-LD, text) and phones (tel, JSON-LD, labelled text).
    public static func extractContacts(_ page: ParsedPage) -> Int {
        let contacts = ContactExtractor(tree: page.tree, pageURL: page.url)
        return contacts.emails(organisations: page.organisations).count + contacts.phones(organisations: page.organisations).count
    }
}
