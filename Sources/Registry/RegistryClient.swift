import CurlHTTP
import Foundation

/// What the register says about one organisation number.
public enum RegistryLookup: Sendable, Equatable {
    /// An active enhet or underenhet.
    case active(RegistryRecord)
    /// HTTP 200 with `slettedato`: deleted, name and date kept.
    case deleted(RegistryRecord)
    /// HTTP 410: removed from open data for legal reasons; copies must be purged.
    case removed(organisationNumber: String, removedOn: String?)
    /// 404 from both `/enheter` and `/underenheter`.
    case notFound
}

/// A register answer orgprofile could not use. `description` is the sentence to show.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The register could not be reached (the HTTP error says why).
        case unreachable
        /// 5xx after retries.
        case serverError(status: Int)
        /// 400: the register rejected the request.
        case badRequest
        /// 406/415: the versioned media type is no longer served: a configuration or upgrade matter.
        case unsupportedVersion
        /// Any other status, or a body that is not a register entry.
        case unexpectedResponse
    }

    public let kind: Kind
    public let url: String
    public let message: String

    public var description: String { "\(url): \(message)" }

    public init(kind: Kind, url: String, message: String) {
        self.kind = kind
        self.url = url
        self.message = message
    }
}

/// Reads single entries from Enhetsregisteret's open API.
public struct RegistryClient: Sendable {
    public static let defaultBaseURL = "https://data.brreg.no/enhetsregisteret/api"
    static let enhetMediaType = "application/vnd.brreg.enhetsregisteret.enhet.v2+json;charset=UTF-8"
    static let underenhetMediaType = "application/vnd.brreg.enhetsregisteret.underenhet.v2+json;charset=UTF-8"

    public let http: any HTTPFetching
    public let baseURL: String

    public init(http: any HTTPFetching, baseURL: String = RegistryClient.defaultBaseURL) {
        self.http = http
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
    }

    /// `/enheter/{nr}`, then `/underenheter/{nr}` when the first says 404 (they are separate namespaces).
    public func lookup(_ number: OrganisationNumber) async throws(RegistryError) -> RegistryLookup {
        let first = try await lookup(number, kind: .enhet)
        if first != .notFound { return first }
        return try await lookup(number, kind: .underenhet)
    }

    public func url(for number: OrganisationNumber, kind: RegistryRecord.Kind) -> String {
        url(for: number.digits, kind: kind)
    }

    public func url(for digits: String, kind: RegistryRecord.Kind) -> String {
        Self.url(base: baseURL, digits: digits, kind: kind)
    }

    /// Where the register serves one entry: `<base>/enheter/<digits>` or `<base>/underenheter/<digits>`.
    public static func url(base: String, digits: String, kind: RegistryRecord.Kind) -> String {
        "\(base)/\(kind == .enhet ? "enheter" : "underenheter")/\(digits)"
    }

    func lookup(_ number: OrganisationNumber, kind: RegistryRecord.Kind) async throws(RegistryError) -> RegistryLookup {
        let url = url(for: number, kind: kind)
        let request = HTTPRequest(
            url: url, kind: .registry,
            headers: [
                (name: "Accept", value: kind == .enhet ? Self.enhetMediaType : Self.underenhetMediaType)
            ])
        let response: HTTPResponse
        do {
            response = try await http.fetch(request)
        } catch let error as HTTPError {
            throw RegistryError(kind: .unreachable, url: url, message: "the register could not be reached: \(error.message)")
        } catch {
            throw RegistryError(kind: .unreachable, url: url, message: "the register could not be reached: \(error)")
        }
        switch response.status {
        case 200:
            guard let body = try? JSONDecoder().decode(RegisterBody.self, from: response.body),
                body.organisasjonsnummer != nil || body.navn != nil
            else {
                throw RegistryError(
                    kind: .unexpectedResponse, url: url, message: "the register answered 200 with a body that is not a register entry")
            }
            // The profile is written under the record's number: an entry for another number (or
            // for something that is not a number, such as `../x`) must not be written at all.
            if let other = body.organisasjonsnummer, other != number.digits {
                throw RegistryError(
                    kind: .unexpectedResponse, url: url,
                    message: "the register answered with the entry of '\(other.asciiEscaped)' when asked for \(number.digits)")
            }
            let record = body.record(kind: kind, fallbackNumber: number.digits)
            // Deletion is decided by `slettedato`, not by `respons_klasse` (its spelling varies).
            return record.deletedOn == nil ? .active(record) : .deleted(record)
        case 404:
            return .notFound
        case 410:
            let body = try? JSONDecoder().decode(RegisterBody.self, from: response.body)
            return .removed(organisationNumber: number.digits, removedOn: body?.slettedato)
        case 400:
            throw RegistryError(
                kind: .badRequest, url: url, message: "the register rejected the request: \(Self.validationMessage(response.body))")
        case 406, 415:
            throw RegistryError(
                kind: .unsupportedVersion, url: url,
                message:
                    "the register no longer serves the media type orgprofile asks for (HTTP \(response.status)); orgprofile needs an update"
            )
        case 500...599:
            let trace = (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["trace"] as? String
            throw RegistryError(
                kind: .serverError(status: response.status), url: url,
                message:
                    "the register failed with HTTP \(response.status) after retries\(trace.map { " (trace \($0))" } ?? ""); try again later"
            )
        default:
            throw RegistryError(
                kind: .unexpectedResponse, url: url,
                message: "the register answered HTTP \(response.status), which orgprofile does not expect")
        }
    }

    static func validationMessage(_ body: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return "no details given" }
        let details = (object["valideringsfeil"] as? [[String: Any]] ?? []).compactMap { $0["feilmelding"] as? String }
        let headline = object["feilmelding"] as? String ?? "bad request"
        return ([headline] + details).joined(separator: "; ")
    }
}
