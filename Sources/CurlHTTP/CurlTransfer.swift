internal import CCurl
import Foundation
import Synchronization

/// One easy handle and everything curl's callbacks write into. Only the loop thread touches the
/// mutable state after `submit`; the continuation is resumed exactly once, by the loop thread.
final class CurlTransfer: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    let url: String
    let bodyLimit: Int
    let addressGuard: AddressGuard
    var body = Data()
    var headers: [(name: String, value: String)] = []
    var bodyLimitExceeded = false
    /// Set by the open-socket callback when the guard refused an address.
    var refusal: (address: String, range: CIDRRange)?
    let errorBuffer: UnsafeMutablePointer<CChar>
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    var continuation: CheckedContinuation<HTTPResponse, any Error>?
    let cancelled = Mutex(false)

    init(request: HTTPRequest, settings: HTTPSettings) throws {
        guard let handle = curl_easy_init() else {
            throw HTTPError(code: .transport, url: request.url, message: "libcurl could not create a transfer")
        }
        self.handle = handle
        self.url = request.url
        self.bodyLimit = request.bodyLimit ?? request.kind.defaultBodyLimit
        self.addressGuard = settings.addressGuard
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try configure(request: request, settings: settings)
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    private func configure(request: HTTPRequest, settings: HTTPSettings) throws {
        var failed: [String] = []
        func check(_ code: CURLcode, _ what: String) { if code != CURLE_OK { failed.append(what) } }
        let context = Unmanaged.passUnretained(self).toOpaque()

        check(ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url), "url")
        check(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "nosignal")
        check(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        check(ccurl_easy_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"), "redirect protocols")
        check(ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1), "follow")
        check(ccurl_easy_setopt_long(handle, CURLOPT_MAXREDIRS, settings.maxRedirects), "max redirects")
        check(ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, settings.connectTimeoutMilliseconds), "connect timeout")
        check(ccurl_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, settings.totalTimeoutMilliseconds), "timeout")
        // "" = every encoding curl can decode; the body cap applies to the decoded bytes.
        check(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "accept encoding")
        check(ccurl_easy_setopt_string(handle, CURLOPT_USERAGENT, settings.userAgent), "user agent")
        check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "error buffer")
        check(ccurl_easy_setopt_off(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(bodyLimit)), "max file size")
        check(ccurl_easy_setopt_string(handle, CURLOPT_PROXY, settings.proxy ?? ""), "proxy")
        if let caFile = settings.caFile {
            check(ccurl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile), "cacert")
            check(ccurl_easy_setopt_pointer(handle, CURLOPT_CAPATH, nil), "capath")
        }
        if let list = makeList(request.headers.map { "\($0.name): \($0.value)" }) {
            check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list), "headers")
        }
        if let list = makeList(settings.resolve) { check(ccurl_easy_setopt_slist(handle, CURLOPT_RESOLVE, list), "resolve") }
        if let list = makeList(settings.connectTo) { check(ccurl_easy_setopt_slist(handle, CURLOPT_CONNECT_TO, list), "connect-to") }

        check(ccurl_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlTransferWrite), "write function")
        check(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "write data")
        check(ccurl_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlTransferHeader), "header function")
        check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "header data")
        check(ccurl_easy_setopt_opensocket_function(handle, curlTransferOpenSocket), "open socket function")
        check(ccurl_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, context), "open socket data")
        if !failed.isEmpty {
            throw HTTPError(code: .transport, url: request.url, message: "libcurl refused the options: \(failed.joined(separator: ", "))")
        }
    }

    private func makeList(_ lines: [String]) -> UnsafeMutablePointer<curl_slist>? {
        guard !lines.isEmpty else { return nil }
        var list: UnsafeMutablePointer<curl_slist>?
        for line in lines { list = curl_slist_append(list, line) }
        if let list { lists.append(list) }
        return list
    }

    /// Called by the loop thread when curl reports the transfer done.
    func finish(_ code: CURLcode) {
        let result: Result<HTTPResponse, any Error>
        if code == CURLE_OK {
            result = .success(response())
        } else {
            result = .failure(error(for: code))
        }
        continuation?.resume(with: result)
        continuation = nil
    }

    func fail(_ error: HTTPError) {
        continuation?.resume(throwing: error)
        continuation = nil
    }

    private func response() -> HTTPResponse {
        var status = 0
        ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var redirects = 0
        ccurl_easy_getinfo_long(handle, CURLINFO_REDIRECT_COUNT, &redirects)
        var effective: UnsafeMutablePointer<CChar>?
        ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let effectiveURL = effective.map { String(cString: $0) } ?? url
        return HTTPResponse(status: status, headers: headers, body: body, effectiveURL: effectiveURL, redirectCount: redirects)
    }

    private func error(for code: CURLcode) -> HTTPError {
        let detail = String(cString: errorBuffer)
        let curlText = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        var effective: UnsafeMutablePointer<CChar>?
        ccurl_easy_getinfo_string(handle, CURLINFO_EFFECTIVE_URL, &effective)
        let where_ = effective.map { String(cString: $0) } ?? url
        if bodyLimitExceeded || code == CURLE_FILESIZE_EXCEEDED {
            return HTTPError(
                code: .bodyTooLarge, url: where_,
                message: "the response is larger than the \(bodyLimit)-byte limit for this kind of resource")
        }
        if let refusal {
            return HTTPError(
                code: .refusedAddress, url: where_,
                message:
                    "refused to connect to \(refusal.address), which is in the special-purpose range \(refusal.range); an operator can allow it with --allow-address-range or --allow-private-addresses"
            )
        }
        switch code {
        case CURLE_URL_MALFORMAT:
            return HTTPError(code: .invalidURL, url: where_, message: "not a valid URL (\(curlText))")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPError(
                code: .unsupportedScheme, url: where_, message: "only http and https URLs are fetched, also on redirects (\(curlText))")
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return HTTPError(code: .couldNotResolve, url: where_, message: "the host name could not be resolved (\(curlText))")
        case CURLE_COULDNT_CONNECT:
            return HTTPError(code: .couldNotConnect, url: where_, message: "could not connect (\(curlText))")
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPError(code: .timedOut, url: where_, message: "timed out (\(curlText))")
        case CURLE_TOO_MANY_REDIRECTS:
            return HTTPError(code: .tooManyRedirects, url: where_, message: "too many redirects (\(curlText))")
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return HTTPError(
                code: .tlsFailure, url: where_,
                message: "TLS failed: \(curlText) (a site with a private CA needs --cacert FILE)")
        default:
            return HTTPError(code: .transport, url: where_, message: curlText)
        }
    }
}

// The C callbacks. `context` is the unretained `CurlTransfer`, kept alive by the loop while active.

private let curlTransferWrite: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if transfer.body.count + length > transfer.bodyLimit {
        transfer.bodyLimitExceeded = true
        return 0  // anything but `length` aborts the transfer
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append($0, count: length) }
    return length
}

private let curlTransferHeader: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let parsed = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        HeaderLine(ascii: UnsafeBufferPointer(start: $0, count: length))
    }
    if let parsed {
        switch parsed {
        case .status: transfer.headers = []
        case .field(let name, let value): transfer.headers.append((name: name, value: value))
        case .other: break
        }
        return length
    }
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }.trimmingCharacters(in: .whitespacesAndNewlines)
    if line.hasPrefix("HTTP/") {
        transfer.headers = []  // a new response (after a redirect or a 1xx) starts
    } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        transfer.headers.append((name: name, value: value))
    }
    return length
}

/// A header line that is all ASCII (nearly every one), read as the general path in
/// `curlTransferHeader` reads it — trimmed of whitespace and line ends, split at the first colon,
/// name and value trimmed of spaces and tabs, name lower-cased — without making Strings of the
/// pieces first.
enum HeaderLine: Equatable {
    /// `HTTP/…`: a new response starts (after a redirect or a 1xx).
    case status
    case field(name: String, value: String)
    /// Blank line, or no colon.
    case other

    /// nil when the line has a byte outside ASCII.
    init?(ascii bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        // CharacterSet.whitespacesAndNewlines in ASCII: tab, LF, VT, FF, CR, space.
        func isSpaceOrLineEnd(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        // CharacterSet.whitespaces in ASCII: space and tab.
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func trimmed(_ slice: Slice<UnsafeBufferPointer<UInt8>>, _ drop: (UInt8) -> Bool) -> Slice<UnsafeBufferPointer<UInt8>> {
            var slice = slice
            while let first = slice.first, drop(first) { slice = slice.dropFirst() }
            while let last = slice.last, drop(last) { slice = slice.dropLast() }
            return slice
        }
        let line = trimmed(bytes[...], isSpaceOrLineEnd)
        if line.starts(with: "HTTP/".utf8) {
            self = .status
        } else if let colon = line.firstIndex(of: 0x3A) {
            let name = trimmed(line[..<colon], isSpace).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            let value = trimmed(line[(colon + 1)...], isSpace)
            self = .field(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
        } else {
            self = .other
        }
    }
}

/// Every connection curl opens goes through here, with the address it is about to connect to
/// (after resolve and connect-to overrides, on every redirect hop): refused addresses never get a socket.
private let curlTransferOpenSocket: curl_opensocket_callback = { context, purpose, address in
    guard let context, let address else { return ccurl_socket_bad() }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    let family = ccurl_sockaddr_family(address)
    var bytes: [UInt8]
    switch family {
    case AF_INET:
        bytes = ccurl_sockaddr_address(address).withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
            var raw = $0.pointee.sin_addr
            return IPAddress.mapped(withUnsafeBytes(of: &raw) { Array($0) })
        }
    case AF_INET6:
        bytes = ccurl_sockaddr_address(address).withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
            var raw = $0.pointee.sin6_addr
            return withUnsafeBytes(of: &raw) { Array($0) }
        }
    default:
        transfer.refusal = (address: "address family \(family)", range: CIDRRange("::/0")!)
        return ccurl_socket_bad()
    }
    if let range = transfer.addressGuard.refusal(for: bytes) {
        transfer.refusal = (address: IPAddress.format(bytes), range: range)
        return ccurl_socket_bad()
    }
    _ = purpose
    let socketType = address.pointee.socktype
    let fd = socket(family, socketType | Int32(SOCK_CLOEXEC.rawValue), address.pointee.protocol)
    return fd
}
