import CurlHTTP
import Foundation

/// An in-memory `HTTPFetching` that answers from the site trees of the test web
/// (`Tests/TestWeb/sites/<host>/…`) with the static-file rules of `Tests/TestWeb/testweb.py`:
/// the host folder by the URL's host, a folder's `index.html`, a redirect that adds a missing
/// trailing slash, content types by extension, and from `_config.json` `respond_all`,
/// `redirect_all`, `https_only`, `http_only`, `redirects` and `headers` (with `Status`).
/// Redirects are followed as the real client follows them. Everything else is a 404: the register,
/// `faults.test` and the Wikidata double exist only on the loopback test web.
///
/// For pure discovery logic over site trees (what is found, ranked, assembled), in-process and
/// without sockets. Fetching itself — TLS, timeouts, retries, conditional requests and the HTTP
/// cache (no validators are sent here), the address guard — is tested with `CurlHTTPClient`
/// against `TestWeb.shared`, as is anything about the CLI or the daemon.
public struct SiteTreeFetcher: HTTPFetching {
    public let sitesDirectory: URL
    public let maxRedirects: Int

    public init(
        sitesDirectory: URL = TestWeb.testWebDirectory.appendingPathComponent("sites"), maxRedirects: Int = 8
    ) {
        self.sitesDirectory = sitesDirectory
        self.maxRedirects = maxRedirects
    }

    public func fetch(_ request: HTTPRequest) async throws -> HTTPResponse {
        var url = request.url
        var redirects = 0
        while true {
            let answer = try respond(to: url)
            if [301, 302, 303, 307, 308].contains(answer.status), let location = answer.header("location") {
                guard redirects < maxRedirects else {
                    throw HTTPError(code: .tooManyRedirects, url: url, message: "too many redirects (more than \(maxRedirects))")
                }
                guard let next = URL(string: location, relativeTo: URL(string: url))?.absoluteURL.absoluteString else {
                    throw HTTPError(code: .invalidURL, url: location, message: "not a valid URL (redirect from \(url))")
                }
                url = next
                redirects += 1
                continue
            }
            let limit = request.bodyLimit ?? request.kind.defaultBodyLimit
            if answer.body.count > limit {
                throw HTTPError(
                    code: .bodyTooLarge, url: url,
                    message: "the response is larger than the \(limit)-byte limit for this kind of resource")
            }
            return HTTPResponse(
                status: answer.status, headers: answer.headers, body: answer.body, effectiveURL: url, redirectCount: redirects)
        }
    }

    struct Answer {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: Data

        func header(_ name: String) -> String? { headers.last { $0.name == name }?.value }
    }

    /// One request, one answer, no redirect followed: `Sites.handle` in testweb.py.
    func respond(to url: String) throws -> Answer {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            let rawHost = components.encodedHost, !rawHost.isEmpty
        else { throw HTTPError(code: .invalidURL, url: url, message: "not a valid URL") }
        guard scheme == "http" || scheme == "https" else {
            throw HTTPError(code: .unsupportedScheme, url: url, message: "only http and https URLs are fetched, also on redirects")
        }
        var host = rawHost.lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        let hostDirectory = sitesDirectory.appendingPathComponent(host)
        var isDirectory: ObjCBool = false
        guard !host.hasPrefix("."), !host.contains("/"),
            FileManager.default.fileExists(atPath: hostDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { return Self.text(404, "unknown host") }

        let urlPath = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        let fullPath = urlPath + query
        let config = Self.config(hostDirectory)

        if config["reset_all"] as? Bool == true {
            throw HTTPError(code: .transport, url: url, message: "Recv failure: Connection reset by peer")
        }
        if let spec = config["respond_all"] as? [String: Any] {
            var body = Data()
            if let name = spec["file"] as? String, name.hasPrefix("_"), !name.contains("/") {
                body = (try? Data(contentsOf: hostDirectory.appendingPathComponent(name))) ?? Data()
            }
            var headers = (spec["headers"] as? [String: String]) ?? [:]
            let contentType = headers.removeValue(forKey: "Content-Type") ?? "text/html; charset=UTF-8"
            let server = headers.removeValue(forKey: "Server") ?? "orgprofile-testweb/1"
            return Answer(
                status: spec["status"] as? Int ?? 403,
                headers: [("server", server), ("content-type", contentType)] + Self.lowerCased(headers) + [
                    ("content-length", "\(body.count)")
                ], body: body)
        }
        if var target = config["redirect_all"] as? String {
            while target.hasSuffix("/") { target.removeLast() }
            let origin = URLComponents(string: target).flatMap { c in c.host.map { "\(c.scheme ?? "https")://\($0)" } } ?? target
            return Self.redirect(config["redirect_status"] as? Int ?? 301, origin + fullPath)
        }
        if config["https_only"] as? Bool == true, scheme == "http" { return Self.redirect(301, "https://\(host)\(fullPath)") }
        if config["http_only"] as? Bool == true, scheme == "https" { return Self.redirect(301, "http://\(host)\(fullPath)") }
        if let redirect = (config["redirects"] as? [String: [String: Any]])?[urlPath], let location = redirect["location"] as? String {
            return Self.redirect(redirect["status"] as? Int ?? 301, location)
        }
        let extra = ((config["headers"] as? [String: [String: String]])?[urlPath]) ?? [:]

        guard let relative = urlPath.removingPercentEncoding, !relative.contains("\0") else { return Self.notFound }
        // posixpath.normpath: "." dropped, ".." climbs but never above the host folder.
        var parts: [Substring] = []
        for part in relative.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        var file = parts.reduce(hostDirectory) { $0.appendingPathComponent(String($1)) }
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
            if !urlPath.hasSuffix("/") { return Self.redirect(301, urlPath + "/" + query) }
            file = file.appendingPathComponent("index.html")
        }
        guard file.lastPathComponent != "_config.json",
            FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let body = try? Data(contentsOf: file)
        else { return Self.notFound }
        var contentType = Self.contentTypes[file.pathExtension.lowercased()] ?? "application/octet-stream"
        var status = 200
        var headers: [(name: String, value: String)] = []
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) {
            switch name.lowercased() {
            case "content-type": contentType = value
            case "status": status = Int(value) ?? 200
            default: headers.append((name.lowercased(), value))
            }
        }
        if config["gzip"] as? Bool == true { headers.append(("vary", "Accept-Encoding")) }
        return Answer(
            status: status, headers: [("content-type", contentType)] + headers + [("content-length", "\(body.count)")], body: body)
    }

    static let contentTypes = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8", "svg": "image/svg+xml", "png": "image/png",
        "ico": "image/x-icon", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "json": "application/json", "webmanifest": "application/manifest+json", "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8", "txt": "text/plain; charset=utf-8", "xml": "application/xml",
    ]

    static let notFound = Answer(
        status: 404, headers: [("content-type", "text/html; charset=utf-8")],
        body: Data(
            (#"<!doctype html><html lang="no"><head><meta charset="utf-8">"#
                + "<title>Fant ikke siden</title></head><body><h1>404 – Fant ikke siden</h1>"
                + "<p>Siden finnes ikke.</p></body></html>").utf8))

    static func text(_ status: Int, _ text: String) -> Answer {
        Answer(status: status, headers: [("content-type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    static func redirect(_ status: Int, _ location: String) -> Answer {
        Answer(
            status: status, headers: [("content-type", "text/plain; charset=utf-8"), ("location", location)],
            body: Data("Redirecting to \(location)\n".utf8))
    }

    static func lowerCased(_ headers: [String: String]) -> [(name: String, value: String)] {
        headers.sorted { $0.key < $1.key }.map { (name: $0.key.lowercased(), value: $0.value) }
    }

    /// `_config.json` of a host, re-read on every request like the test web does; none when absent.
    static func config(_ hostDirectory: URL) -> [String: Any] {
        guard let data = try? Data(contentsOf: hostDirectory.appendingPathComponent("_config.json")) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
