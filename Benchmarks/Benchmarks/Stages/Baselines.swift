import CLibXML2
import CurlHTTP
import Foundation

/// The libxml2 parse the SVG validator is built on, as `xmllint --noout` does it: read the bytes
/// into a document with default options (errors silenced), then free it.
enum LibXML2Floor {
    static func parseXML(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                let options = Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
                guard let document = xmlReadMemory(chars, Int32(buffer.count), "logo.svg", nil, options) else { return 0 }
                xmlFreeDoc(document)
                return 1
            }
        }
    }
}

/// What a naive contact finder would do: one regular expression for emails and one for
/// Norwegian-looking phone numbers over the page's visible text. No labels, no ranking.
struct NaiveContactScan: @unchecked Sendable {
    // NSRegularExpression is immutable after creation and safe to share across threads.
    private let email = try! NSRegularExpression(pattern: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#)
    private let phone = try! NSRegularExpression(pattern: #"(?:\+47[ ]?)?(?:\d{2}[ ]?){3}\d{2}|\d{3} ?\d{2} ?\d{3}"#)

    func matches(in text: String) -> Int {
        let range = NSRange(text.startIndex..., in: text)
        return email.numberOfMatches(in: text, range: range) + phone.numberOfMatches(in: text, range: range)
    }
}

/// The register's batch search answer served from memory, so `RegistryClient.batchLookup` runs
/// its real query building and decoding with no network.
struct CannedRegister: HTTPFetching {
    let body: Data

    func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: [], body: body, effectiveURL: request.url, redirectCount: 0)
    }
}

struct StageSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
