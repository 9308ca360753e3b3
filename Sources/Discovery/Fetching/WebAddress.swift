import CurlHTTP
import Foundation

/// An absolute http(s) URL split into the parts reference resolution needs. Parsing is
/// deliberately narrow: anything that is not http(s) with a host is not a `WebAddress`.
struct WebAddress: Sendable, Equatable, CustomStringConvertible {
    var scheme: String
    /// Lower-cased host (IDN hosts punycoded), without port.
    var host: String
    var port: Int?
    /// Always starts with `/`.
    var path: String
    var query: String?
    var fragment: String?

    init?(_ string: String) {
        let cleaned = WebAddress.clean(string)
        guard let schemeEnd = cleaned.range(of: "://") else { return nil }
        let scheme = cleaned[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        self.init(scheme: scheme, afterScheme: String(cleaned[schemeEnd.upperBound...]))
    }

    private init?(scheme: String, afterScheme rest: String) {
        var remainder = Substring(rest)
        var fragment: String?
        if let hash = remainder.firstIndex(of: "#") {
            fragment = String(remainder[remainder.index(after: hash)...])
            remainder = remainder[..<hash]
        }
        var query: String?
        if let question = remainder.firstIndex(of: "?") {
            query = String(remainder[remainder.index(after: question)...])
            remainder = remainder[..<question]
        }
        let authorityEnd = remainder.firstIndex(of: "/") ?? remainder.endIndex
        var authority = remainder[..<authorityEnd]
        let path = String(remainder[authorityEnd...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority)
        var port: Int?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            let portText = authority[authority.index(after: colon)...]
            if !portText.isEmpty {
                guard let number = Int(portText), number > 0, number < 65536 else { return nil }
                port = number
            }
        }
        if host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty, let asciiHost = WebAddress.asciiHost(host) else { return nil }
        if (scheme == "http" && port == 80) || (scheme == "https" && port == 443) { port = nil }
        self.scheme = scheme
        self.host = asciiHost
        self.port = port
        self.path = path.isEmpty ? "/" : WebAddress.removeDotSegments(path)
        self.query = query
        self.fragment = fragment
    }

    var description: String {
        var result = "\(scheme)://\(host)"
        if let port { result += ":\(port)" }
        result += path
        if let query { result += "?\(query)" }
        if let fragment { result += "#\(fragment)" }
        return result
    }

    /// The same address without its fragment (what is fetched).
    var withoutFragment: WebAddress {
        var copy = self
        copy.fragment = nil
        return copy
    }

    /// Resolves a reference found in a page (href, src, base). Returns nil for references that
    /// lead nowhere useful: empty, fragment-only, `javascript:`, `mailto:`, `data:` and every
    /// other non-http(s) scheme.
    func resolve(_ reference: String) -> WebAddress? {
        var text = WebAddress.clean(reference)
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        // ASP.NET application-relative paths leak into some CMS output (`~/kunde/favicon.ico`).
        if text.hasPrefix("~/") { text.removeFirst() }
        if let schemeEnd = WebAddress.schemeEnd(of: text) {
            let scheme = text[..<schemeEnd].lowercased()
            guard scheme == "http" || scheme == "https" else { return nil }
            let rest = text[text.index(after: schemeEnd)...]
            if rest.hasPrefix("//") { return WebAddress(scheme: scheme, afterScheme: String(rest.dropFirst(2))) }
            // `http:foo` — a relative reference with a scheme (WHATWG); only meaningful for our scheme.
            guard scheme == self.scheme else { return nil }
            text = String(rest)
        }
        if text.hasPrefix("//") {
            return WebAddress(scheme: scheme, afterScheme: String(text.dropFirst(2)))
        }
        var result = self
        result.fragment = nil
        var remainder = Substring(text)
        if let hash = remainder.firstIndex(of: "#") {
            result.fragment = String(remainder[remainder.index(after: hash)...])
            remainder = remainder[..<hash]
        }
        var referenceQuery: String?
        if let question = remainder.firstIndex(of: "?") {
            referenceQuery = String(remainder[remainder.index(after: question)...])
            remainder = remainder[..<question]
        }
        let referencePath = String(remainder)
        if referencePath.isEmpty {
            if let referenceQuery { result.query = referenceQuery }
            return result
        }
        result.query = referenceQuery
        if referencePath.hasPrefix("/") {
            result.path = WebAddress.removeDotSegments(referencePath)
        } else {
            let directory = path[...(path.lastIndex(of: "/") ?? path.startIndex)]
            result.path = WebAddress.removeDotSegments(String(directory) + referencePath)
        }
        return result
    }

    /// The index of the `:` ending a scheme, if the text starts with one.
    private static func schemeEnd(of text: String) -> String.Index? {
        guard let first = text.first, first.isASCII, first.isLetter else { return nil }
        for index in text.indices {
            let character = text[index]
            if character == ":" { return index }
            if !(character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))) {
                return nil
            }
        }
        return nil
    }

    /// WHATWG-like clean-up: trim ASCII whitespace, drop tab/CR/LF, backslashes become slashes,
    /// spaces and non-ASCII are percent-encoded (except in the host).
    static func clean(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r\u{0C}"))
        var result = ""
        for scalar in trimmed.unicodeScalars {
            switch scalar {
            case "\t", "\n", "\r": continue
            case "\\": result.append("/")
            case " ": result.append("%20")
            default:
                result.unicodeScalars.append(scalar)  // non-ASCII is percent-encoded below, outside the host
            }
        }
        return percentEncodeNonASCIIOutsideHost(result)
    }

    private static func percentEncodeNonASCIIOutsideHost(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        // Keep `scheme://host` as is (punycoded later); encode the rest as UTF-8 percent escapes.
        var hostEnd = text.startIndex
        if let schemeRange = text.range(of: "://") {
            hostEnd = text[schemeRange.upperBound...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
        } else if text.hasPrefix("//") {
            hostEnd = text[text.index(text.startIndex, offsetBy: 2)...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
        }
        var result = String(text[..<hostEnd])
        for byte in text[hostEnd...].utf8 {
            if byte < 0x80 {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += String(format: "%%%02X", byte)
            }
        }
        return result
    }

    /// RFC 3986 §5.2.4.
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (offset, segment) in segments.enumerated() {
            let isLast = offset == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        var result = output.joined(separator: "/")
        if !result.hasPrefix("/") { result = "/" + result }
        return result
    }

    /// True when the path is the site's home page: `/`, `/index.html`, `/nb`, `/no/`, `/en` …
    /// Words that name a site's front page, in the languages public sites use.
    static let homeWords: Set<String> = [
        "index", "default", "home", "homepage", "hjem", "heim", "forside", "forsiden", "startside", "startsiden", "framside",
        "framsida", "startseite", "startsida", "etusivu", "accueil", "inicio", "forsida", "hjemmeside",
    ]

    var isHomePath: Bool {
        let lower = path.lowercased()
        let homes: Set<String> = ["/", "/nb", "/no", "/nn", "/en", "/se", "/index.html", "/index.htm", "/index.php",
                                  "/default.aspx", "/home", "/hjem", "/forside", "/forsiden", "/startside", "/startsiden", "/nb/forside",
                                  "/no/forside", "/nn/forside"]
        let trimmed = lower.count > 1 && lower.hasSuffix("/") ? String(lower.dropLast()) : lower
        // `/?iid=badge` and `/?source=logo` are tracking; `/?p=123` (WordPress) or `/?s=` are pages.
        if let query {
            let keys = query.lowercased().split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }
            if keys.contains(where: { ["p", "page_id", "s", "q", "id", "cat", "post", "page", "search", "article"].contains($0) }) { return false }
        }
        if homes.contains(trimmed) { return true }
        // `/DE/Startseite/Startseite_node.html`, `/fr/accueil`: a home word as the last segment.
        let segments = trimmed.split(separator: "/")
        if (1...3).contains(segments.count), let last = segments.last {
            let stem = last.split(separator: ".").first.map { $0.split(separator: "_").first ?? $0 } ?? last
            if WebAddress.homeWords.contains(String(stem)) { return true }
        }
        // A language root such as `/nb-no` or `/en-gb`.
        let segment = trimmed.dropFirst()
        let parts = segment.split(separator: "-", omittingEmptySubsequences: false)
        return !segment.contains("/") && parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isLetter) }
    }

    /// The registrable domain (`www.sauda.kommune.no` → `sauda.kommune.no`) by the Public Suffix
    /// List; a host that is itself a public suffix is its own.
    var registrableDomain: String { WebAddress.registrableDomain(of: host) }

    static func registrableDomain(of host: String) -> String {
        PublicSuffixList.registrableDomain(of: host)
    }

    /// The host lower-cased, with every non-ASCII label punycoded by libcurl; nil when the host
    /// has characters no host may contain.
    static func asciiHost(_ host: String) -> String? {
        if host.hasPrefix("[") {  // IPv6 literal
            return host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "[" || $0 == "]" || $0 == "." }) ? host : nil
        }
        let lowered = host.lowercased()
        guard let ascii = lowered.unicodeScalars.allSatisfy(\.isASCII) ? lowered : IDNA.asciiHost(lowered) else { return nil }
        let labels = ascii.split(separator: ".", omittingEmptySubsequences: false)
        let hostCharacters = labels.allSatisfy { label in
            !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }
        return hostCharacters ? ascii : nil
    }

    /// Same registrable domain (so `www.x.no`, `x.no` and `cdn.x.no` are one site).
    func isSameSite(as other: WebAddress) -> Bool {
        registrableDomain == other.registrableDomain
    }
}
