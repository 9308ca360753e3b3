import Foundation
import OrgModel
import TestSupport
import Testing

@testable import Discovery

/// Pages nested deeper than libxml2's default limit of 256 levels (issue 11, item 3): everything
/// after the deep element, typically the footer with the email and phone, must still be read,
/// and no walk over the tree may recurse once per level.
@Suite("Deep nesting")
struct DeepNestingTests {
    static let footer = """
        <footer><p>E-post: <a href="mailto:postmottak@sauda.kommune.no">postmottak@sauda.kommune.no</a>
        Telefon: <a href="tel:+4752786200">52 78 62 00</a></p></footer>
        """

    static func page(depth: Int, tag: String) -> String {
        "<!DOCTYPE html><html><head><title>Sauda kommune</title></head><body><main>"
            + String(repeating: "<\(tag) class=\"wrap\">", count: depth) + "Innhold"
            + String(repeating: "</\(tag)>", count: depth) + "</main>" + footer + "</body></html>"
    }

    @Test(arguments: [300, 5000], ["div", "span", "section"])
    func footerAfterDeepContentKeepsItsContacts(depth: Int, tag: String) {
        let page = analyse(DeepNestingTests.page(depth: depth, tag: tag))
        #expect(page.emails.contains { $0.foundBy == .mailto && $0.address == "postmottak@sauda.kommune.no" && $0.inFooter })
        #expect(page.phones.contains { $0.foundBy == .tel && $0.number.e164 == "+4752786200" && $0.inFooter })
    }

    /// The deepest page the 5 MB fetch cap admits: about 475 000 nested `<div>`s.
    @Test func deepestPageWithinTheByteCapIsReadWhole() async {
        let depth = (5 * 1024 * 1024 - 400) / "<div></div>".utf8.count
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "x" + String(repeating: "</div>", count: depth)
            + DeepNestingTests.footer + "</body></html>"
        let (divs, email, phone) = await offTheCooperativePool {
            let page = analyse(html)
            return (parse(html).elements(named: "div").count, page.emails.contains { $0.address == "postmottak@sauda.kommune.no" },
                    page.phones.contains { $0.number.e164 == "+4752786200" })
        }
        #expect(divs == depth)
        #expect(email)
        #expect(phone)
    }

    /// An inline SVG logo whose drawing sits 100 000 groups deep is serialised whole: the
    /// serialiser walks the tree without recursing per level.
    @Test func deepInlineSVGLogoIsSerialisedWhole() async {
        let depth = 100_000
        let html = """
            <html><body><header><a href="/" class="logo" aria-label="Sauda kommune"><svg viewBox="0 0 10 10">
            """ + String(repeating: "<g>", count: depth) + "<path d=\"M0 0h10v10z\"/>" + String(repeating: "</g>", count: depth)
            + "</svg></a></header>" + DeepNestingTests.footer + "</body></html>"
        let page = await offTheCooperativePool { analyse(html) }
        let svg = page.logoEvidence.compactMap(\.inlineSVG).first
        #expect(svg?.hasSuffix("</svg>") == true)
        #expect(svg?.contains("<path d=\"M0 0h10v10z\"") == true)
        #expect(svg.map { $0.components(separatedBy: "<g>").count - 1 } == depth)
        #expect(page.emails.contains { $0.address == "postmottak@sauda.kommune.no" })
    }
}
