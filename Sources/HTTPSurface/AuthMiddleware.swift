import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking, and whether they may write. Sets `context.actor` from `Authorization: Bearer`
/// (a token of `http-token-file`) or from the session cookie, and `context.csrfToken` from the
/// session. Every `POST` under `/review/` other than `/review/login` needs an actor; one known by
/// its cookie must also send the session's CSRF token as the form field `csrf` (or the header
/// `X-CSRF-Token`). Refused: 401 without an actor, 403 with a wrong CSRF token; nothing runs.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = SurfaceContext
    let tokens: TokenStore
    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        var bySession = false
        if let authorization = request.headers[.authorization] {
            guard authorization.lowercased().hasPrefix("bearer "),
                let name = tokens.name(of: String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces))
            else {
                return Answers.sentence(
                    .unauthorized, "the bearer token is not in http-token-file; check the token, or ask the operator for one",
                    headers: [.wwwAuthenticate: "Bearer"])
            }
            context.actor = name
        } else if let id = request.cookies[Sessions.cookieName]?.value, let session = sessions.session(id), tokens.hasName(session.name) {
            context.actor = session.name
            context.csrfToken = session.csrfToken
            bySession = true
        }
        guard Self.needsWriteAccess(request) else { return try await next(request, context) }
        guard context.actor != nil else {
            let how =
                tokens.isConfigured
                ? "send Authorization: Bearer TOKEN (a token from http-token-file), or log in at /review/login"
                : "writes are off because no http-token-file is configured"
            return Answers.sentence(.unauthorized, "this write needs a token: \(how)", headers: [.wwwAuthenticate: "Bearer"])
        }
        if bySession {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let sent = request.headers[.xCSRFToken] ?? FormFields.value(named: "csrf", in: body, contentType: request.headers[.contentType])
            guard let sent, let expected = context.csrfToken, TokenFile.constantTimeEqual(Array(sent.utf8), Array(expected.utf8)) else {
                return Answers.sentence(
                    .forbidden, "the form's CSRF token does not match this session; reload the page and submit the form again")
            }
        }
        return try await next(request, context)
    }

    static func needsWriteAccess(_ request: Request) -> Bool {
        guard request.method != .get && request.method != .head && request.method != .options else { return false }
        let path = request.uri.path
        return path.hasPrefix("/review/") && path != "/review/login"
    }
}

extension HTTPField.Name {
    static let xCSRFToken = Self("X-CSRF-Token")!
}

/// One field of a form body: `application/x-www-form-urlencoded` or `multipart/form-data`.
enum FormFields {
    static func value(named name: String, in body: ByteBuffer, contentType: String?) -> String? {
        let type = contentType?.lowercased() ?? ""
        let bytes = Array(body.readableBytesView)
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return urlEncoded(bytes)[name]
        }
        if type.hasPrefix("multipart/form-data"), let boundary = boundary(contentType ?? "") {
            return multipartField(named: name, in: bytes, boundary: boundary)
        }
        return nil
    }

    static func urlEncoded(_ bytes: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: bytes, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let key = decode(parts[0])
            if fields[key] == nil { fields[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: .whitespaces)
            return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
        }
        return nil
    }

    /// The text of the part whose `Content-Disposition` names `name` (small fields only).
    static func multipartField(named name: String, in bytes: [UInt8], boundary: String) -> String? {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int? = nil
        var index = 0
        while index + delimiter.count <= bytes.count {
            if bytes[index] == delimiter[0] && Array(bytes[index..<index + delimiter.count]) == delimiter {
                if let start { parts.append(bytes[start..<index]) }
                index += delimiter.count
                start = index
            } else {
                index += 1
            }
        }
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        for part in parts {
            let array = Array(part)
            guard let split = (0..<max(0, array.count - 3)).first(where: { Array(array[$0..<$0 + 4]) == separator }) else { continue }
            let head = String(decoding: array[..<split], as: UTF8.self).lowercased()
            guard head.contains("name=\"\(name.lowercased())\""), !head.contains("filename=") else { continue }
            var value = Array(array[(split + 4)...])
            if value.suffix(2) == Array("\r\n".utf8) { value.removeLast(2) }
            return String(decoding: value, as: UTF8.self)
        }
        return nil
    }
}
