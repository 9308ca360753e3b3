import CurlHTTP
import Foundation

extension RegistryClient {
    /// Most numbers the register accepts in one `organisasjonsnummer=` search.
    public static let maxBatchSize = 2000

    /// Looks up many enheter with one search request per 2000 numbers. Numbers missing from the
    /// answer (deleted, removed, underenheter, unknown) are absent from the result: look those up
    /// one by one with `lookup(_:)`, which tells the cases apart.
    public func batchLookup(_ numbers: [OrganisationNumber]) async throws(RegistryError) -> [String: RegistryLookup] {
        var found: [String: RegistryLookup] = [:]
        var start = 0
        while start < numbers.count {
            let chunk = numbers[start..<min(start + Self.maxBatchSize, numbers.count)]
            start += chunk.count
            let query = "organisasjonsnummer=\(chunk.map(\.digits).joined(separator: ","))&size=\(chunk.count)"
            let page = try await searchPage(query: query)
            let asked = Set(chunk.map(\.digits))
            for body in page.records {
                let record = body.record(kind: .enhet, fallbackNumber: body.organisasjonsnummer ?? "")
                guard asked.contains(record.organisationNumber) else { continue }
                found[record.organisationNumber] = record.deletedOn == nil ? .active(record) : .deleted(record)
            }
        }
        return found
    }

    /// Organisation numbers matching register search parameters (`organisasjonsform=STAT,ORGL`,
    /// `institusjonellSektorkode=6100`), page by page up to the register's cap of 10 000 results.
    /// `truncated` is true when the register holds more than it lets a search return. A hit whose
    /// `organisasjonsnummer` is not an organisation number is left out and its reason returned in
    /// `skipped`, for the caller to report: the register's answers are input like any other.
    public func search(_ parameters: [String: String]) async throws(RegistryError) -> (
        numbers: [OrganisationNumber], skipped: [OrganisationNumberError], truncated: Bool
    ) {
        let size = 1000
        var numbers: [OrganisationNumber] = []
        var skipped: [OrganisationNumberError] = []
        var returned = 0
        var page = 0
        let filter = parameters.sorted { $0.key < $1.key }.map { "\(Self.escape($0.key))=\(Self.escape($0.value))" }.joined(separator: "&")
        while true {
            let answer = try await searchPage(query: "\(filter)&size=\(size)&page=\(page)")
            for text in answer.records.compactMap(\.organisasjonsnummer) {
                returned += 1
                do {
                    numbers.append(try OrganisationNumber(validating: text))
                } catch {
                    skipped.append(error)
                }
            }
            page += 1
            if page >= answer.totalPages || (page + 1) * size > 10_000 {
                return (numbers, skipped, answer.totalElements > returned)
            }
        }
    }

    private static func escape(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    private struct SearchPage: Decodable {
        struct Embedded: Decodable { var enheter: [RegisterBody]? }
        struct Page: Decodable {
            var totalElements: Int?
            var totalPages: Int?
        }
        var _embedded: Embedded?
        var page: Page?
    }

    private func searchPage(query: String) async throws(RegistryError) -> (records: [RegisterBody], totalPages: Int, totalElements: Int) {
        let url = "\(baseURL)/enheter?\(query)"
        let shown = url.count > 160 ? String(url.prefix(160)) + "…" : url
        let request = HTTPRequest(
            url: url, kind: .registry, headers: [(name: "Accept", value: Self.enhetMediaType)],
            bodyLimit: 64 * 1024 * 1024)
        let response: HTTPResponse
        do {
            response = try await http.fetch(request)
        } catch let error as HTTPError {
            throw RegistryError(kind: .unreachable, url: shown, message: "the register could not be reached: \(error.message)")
        } catch {
            throw RegistryError(kind: .unreachable, url: shown, message: "the register could not be reached: \(error)")
        }
        switch response.status {
        case 200:
            guard let page = try? JSONDecoder().decode(SearchPage.self, from: response.body) else {
                throw RegistryError(
                    kind: .unexpectedResponse, url: shown, message: "the register answered 200 with a body that is not a search result")
            }
            return (page._embedded?.enheter ?? [], page.page?.totalPages ?? 0, page.page?.totalElements ?? 0)
        case 400:
            throw RegistryError(
                kind: .badRequest, url: shown, message: "the register rejected the search: \(Self.validationMessage(response.body))")
        case 500...599:
            throw RegistryError(
                kind: .serverError(status: response.status), url: shown,
                message: "the register failed with HTTP \(response.status); try again later")
        default:
            throw RegistryError(kind: .unexpectedResponse, url: shown, message: "the register answered HTTP \(response.status) to a search")
        }
    }
}
