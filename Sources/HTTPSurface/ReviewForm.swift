import Foundation
import Hummingbird

/// The fields of a review write: `application/x-www-form-urlencoded` (the approve and asked
/// forms, scripts) or `multipart/form-data` (the supply form; `ReviewMultipartForm`). Text
/// fields by name; file parts (with a `filename`) by name as bytes.
struct ReviewForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: [UInt8]] = [:]

    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// File parts a write accepts; any other file is refused rather than ignored.
    static let fileFields: Set<String> = ["logo"]

    static func read(_ request: inout Request, limit: Int) async throws -> ReviewForm {
        let body = try await request.collectBody(upTo: limit)
        let bytes = Array(body.readableBytesView)
        let contentType = request.headers[.contentType]
        if bytes.isEmpty { return ReviewForm() }
        let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        switch type {
        case "application/x-www-form-urlencoded":
            return ReviewForm(fields: FormFields.urlEncoded(bytes))
        case "multipart/form-data":
            guard let boundary = ReviewMultipartForm.boundary(contentType: contentType) else {
                throw Refused(description: "the multipart form has no usable boundary in its Content-Type")
            }
            let multipart: ReviewMultipartForm
            do {
                multipart = try ReviewMultipartForm(body: bytes, boundary: boundary)
            } catch {
                throw Refused(description: error.description)
            }
            var form = ReviewForm()
            for part in multipart.parts {
                if part.filename != nil {
                    guard fileFields.contains(part.name) else {
                        throw Refused(description: "the form sends a file as '\(part.name)'; only a logo file ('logo') is taken")
                    }
                    if form.files[part.name] == nil { form.files[part.name] = part.body }
                } else if form.fields[part.name] == nil {
                    guard let text = String(validating: part.body, as: UTF8.self) else {
                        throw Refused(description: "the form field '\(part.name)' is not UTF-8 text")
                    }
                    // A logo sent without a filename (curl -F logo=<file.svg) is still the logo.
                    if fileFields.contains(part.name) { form.files[part.name] = part.body } else { form.fields[part.name] = text }
                }
            }
            return form
        default:
            throw Refused(
                description:
                    "send the form as application/x-www-form-urlencoded or multipart/form-data (not \(contentType ?? "no Content-Type"))")
        }
    }
}
