import Foundation
@testable import Discovery

/// Runs the pure page analysis on an inline HTML string.
func analyse(_ html: String, url: String = "https://www.sauda.kommune.no/", organisation: String? = nil,
             contentType: String? = "text/html; charset=utf-8", pageTextNameHint: Bool = false) -> PageAnalysis {
    PageAnalyser.analyse(bytes: Array(html.utf8), contentType: contentType, url: WebAddress(url)!,
                         organisationName: organisation, pageTextNameHint: pageTextNameHint)
}

func analyse(bytes: [UInt8], url: String = "https://www.sauda.kommune.no/", contentType: String?) -> PageAnalysis {
    PageAnalyser.analyse(bytes: bytes, contentType: contentType, url: WebAddress(url)!, organisationName: nil)
}

func parse(_ html: String) -> HTMLTree {
    HTMLParser.parse(utf8: Array(html.utf8))
}
