import FileIO
import Foundation
import Hummingbird

/// How the surface answers: sentences for errors, and bodies with a strong `ETag` that answer
/// `304 Not Modified` when the client's `If-None-Match` names it.
enum Answers {
    static let textType = "text/plain; charset=utf-8"

    /// An error: one sentence a person can act on, as plain text.
    static func sentence(_ status: HTTPResponse.Status, _ sentence: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = textType
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: sentence + "\n")))
    }

    /// `"<hex>"`: a strong entity tag.
    static func entityTag(_ hex: String) -> String { "\"\(hex)\"" }

    /// True when `If-None-Match` names `tag` (or is `*`). The comparison is the weak one RFC 9110
    /// prescribes for `If-None-Match`.
    static func notModified(_ request: Request, tag: String) -> Bool {
        guard let header = request.headers[values: .ifNoneMatch].joined(separator: ",").nilIfEmpty else { return false }
        for candidate in header.split(separator: ",") {
            var text = candidate.trimmingCharacters(in: .whitespaces)
            if text == "*" { return true }
            if text.hasPrefix("W/") { text.removeFirst(2) }
            if text == tag { return true }
        }
        return false
    }

    /// 200 with `bytes`, or 304 when the client has them already.
    static func body(
        _ request: Request, bytes: ByteBuffer, tag: String, contentType: String, cacheControl: String, extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.eTag] = tag
        headers[.cacheControl] = cacheControl
        if notModified(request, tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    static func tag(of bytes: some Collection<UInt8>) -> String {
        entityTag(SHA256.hex(Data(bytes)))
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
