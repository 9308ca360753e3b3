import CCurl
import Foundation

/// A plain libcurl client for tests of `serve`'s HTTP surface: any method, headers and body, one
/// request at a time, only to loopback (127.0.0.0/8 or ::1). The path is sent as given
/// (`CURLOPT_PATH_AS_IS`), so tests can send `..` segments a browser would fold away.
public enum LoopbackHTTP {
    public struct Response: Sendable {
        public let status: Int
        /// Header names in lower case; a repeated header keeps its last value, except `set-cookie` (all, in `cookies`).
        public let headers: [String: String]
        public let cookies: [String]
        public let body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// Sends the request on a thread of its own (never blocking a cooperative or dispatch thread).
    public static func send(
        _ method: String = "GET", _ url: String, headers: [String: String] = [:], body: Data? = nil, timeoutSeconds: Int = 30
    ) async throws -> Response {
        guard let host = URLComponents(string: url)?.host, host.hasPrefix("127.") || host == "::1" || host == "[::1]" else {
            throw Failure(description: "\(url): tests only talk to loopback")
        }
        return try await OwnThread.run { try perform(method, url, headers: headers, body: body, timeoutSeconds: timeoutSeconds) }
    }

    private final class Collected {
        var headerLines: [String] = []
        var body = Data()
    }

    private static func perform(_ method: String, _ url: String, headers: [String: String], body: Data?, timeoutSeconds: Int) throws
        -> Response
    {
        guard let handle = curl_easy_init() else { throw Failure(description: "curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        let collected = Collected()
        let box = Unmanaged.passRetained(collected)
        defer { box.release() }
        ccurl_easy_setopt_string(handle, CURLOPT_URL, url)
        ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_PATH_AS_IS, 1)
        ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT, timeoutSeconds)
        ccurl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        if method == "HEAD" { ccurl_easy_setopt_long(handle, CURLOPT_NOBODY, 1) }
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        // No "Expect: 100-continue" pause before bodies.
        list = curl_slist_append(list, "Expect:")
        defer { curl_slist_free_all(list) }
        ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        if let body {
            ccurl_easy_setopt_long(handle, CURLOPT_POST, 1)
            ccurl_easy_setopt_off(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                _ = ccurl_easy_setopt_pointer(
                    handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            ccurl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method)
        }
        let write: curl_write_callback = { pointer, size, count, user in
            let collected = Unmanaged<Collected>.fromOpaque(user!).takeUnretainedValue()
            if let pointer { collected.body.append(UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: size * count) }
            return size * count
        }
        let header: curl_write_callback = { pointer, size, count, user in
            let collected = Unmanaged<Collected>.fromOpaque(user!).takeUnretainedValue()
            if let pointer {
                let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self)
                collected.headerLines.append(line.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            return size * count
        }
        ccurl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, write)
        ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())
        ccurl_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, header)
        ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque())
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw Failure(description: "\(method) \(url): \(String(cString: curl_easy_strerror(code)))")
        }
        var status = 0
        ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var fields: [String: String] = [:]
        var cookies: [String] = []
        for line in collected.headerLines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name == "set-cookie" { cookies.append(value) }
            fields[name] = value
        }
        return Response(status: status, headers: fields, cookies: cookies, body: collected.body)
    }
}
