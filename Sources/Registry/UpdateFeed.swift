import CurlHTTP
import Foundation

/// One entry of the register's update feeds (`/oppdateringer/enheter`, `/oppdateringer/underenheter`).
public struct RegistryUpdate: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case new, changed, deleted, removed, unknown
        init(_ endringstype: String?) {
            switch endringstype {
            case "Ny": self = .new
            case "Endring": self = .changed
            case "Sletting": self = .deleted
            case "Fjernet": self = .removed
            default: self = .unknown
            }
        }
    }

    public var id: Int
    public var organisationNumber: String
    public var change: Change
    /// When the change was published, as the register writes it.
    public var date: String?
}

extension RegistryClient {
    static let feedMediaType = "application/vnd.brreg.enhetsregisteret.oppdatering.enhet.v1+json;charset=UTF-8"
    static let underenhetFeedMediaType = "application/vnd.brreg.enhetsregisteret.oppdatering.underenhet.v1+json;charset=UTF-8"

    /// Where to start reading the feed.
    public enum FeedPosition: Sendable {
        /// The first poll: everything published since this time (inclusive).
        case since(Date)
        /// Later polls: ids from this one on (the last id seen + 1).
        case fromID(Int)
    }

    /// `2023-11-14T22:13:20.123Z`: UTC, to the nearest millisecond. The format style truncates
    /// fractional seconds, so the instant is rounded first and given a tenth of a millisecond,
    /// which a binary fraction such as .123 (stored as .12299…) would otherwise lose.
    static func feedTimestamp(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return Date(timeIntervalSince1970: (milliseconds + 0.1) / 1000)
            .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// One page of updates of enheter (or of underenheter: `kind`), oldest first. Ids have gaps; an
    /// empty page means nothing new. Each feed has its own ids.
    public func updates(
        from position: FeedPosition, size: Int = 10_000, kind: RegistryRecord.Kind = .enhet
    ) async throws(RegistryError) -> [RegistryUpdate] {
        let query: String
        switch position {
        case .since(let date):
            query = "dato=\(Self.feedTimestamp(date))"
        case .fromID(let id):
            query = "oppdateringsid=\(id)"
        }
        let url = "\(baseURL)/oppdateringer/\(kind == .enhet ? "enheter" : "underenheter")?\(query)&size=\(size)&sort=id,ASC"
        let response: HTTPResponse
        do {
            response = try await http.fetch(
                HTTPRequest(
                    url: url, kind: .registry, headers: [(name: "Accept", value: kind == .enhet ? Self.feedMediaType : Self.underenhetFeedMediaType)],
                    bodyLimit: 64 * 1024 * 1024))
        } catch let error as HTTPError {
            throw RegistryError(kind: .unreachable, url: url, message: "the update feed could not be reached: \(error.message)")
        } catch {
            throw RegistryError(kind: .unreachable, url: url, message: "the update feed could not be reached: \(error)")
        }
        guard response.status == 200 else {
            throw RegistryError(
                kind: response.status >= 500 ? .serverError(status: response.status) : .unexpectedResponse, url: url,
                message: "the update feed answered HTTP \(response.status)")
        }
        struct Page: Decodable {
            struct Entry: Decodable {
                var oppdateringsid: Int?
                var organisasjonsnummer: String?
                var endringstype: String?
                var dato: String?
            }
            struct Embedded: Decodable {
                var oppdaterteEnheter: [Entry]?
                var oppdaterteUnderenheter: [Entry]?
            }
            var _embedded: Embedded?
        }
        guard let page = try? JSONDecoder().decode(Page.self, from: response.body) else {
            throw RegistryError(
                kind: .unexpectedResponse, url: url, message: "the update feed answered 200 with a body that is not a feed page")
        }
        let entries = kind == .enhet ? page._embedded?.oppdaterteEnheter : page._embedded?.oppdaterteUnderenheter
        return (entries ?? []).compactMap { entry in
            guard let id = entry.oppdateringsid, let number = entry.organisasjonsnummer else { return nil }
            return RegistryUpdate(id: id, organisationNumber: number, change: .init(entry.endringstype), date: entry.dato)
        }.sorted { $0.id < $1.id }
    }
}
