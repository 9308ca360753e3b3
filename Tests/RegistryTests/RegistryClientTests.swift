import CurlHTTP
import Foundation
import TestSupport
import Testing

@testable import Registry

/// The register client against the test web, which serves the real register responses in
/// `Tests/TestWeb/registry/fixtures` (provenance in its README) at the real API paths.
@Suite struct RegistryClientTests {
    let web = TestWeb.shared
    var client: RegistryClient { RegistryClient(http: CurlHTTPClient(settings: web.settings(maxRetries: 1))) }

    static let registryDirectory = TestWeb.testWebDirectory.appendingPathComponent("registry")

    struct Route: Decodable {
        var file: String?
        var status: Int
    }

    static let routes: [String: Route] = {
        let data = try! Data(contentsOf: registryDirectory.appendingPathComponent("routes.json"))
        return try! JSONDecoder().decode([String: Route].self, from: data)
    }()

    static func number(_ digits: String) -> OrganisationNumber { try! OrganisationNumber(validating: digits) }

    /// Every single-entity route, real fixture or authored, is fetched through the client and decoded.
    @Test(arguments: routes.keys.sorted())
    func everyRegisterRouteDecodesToTheRightOutcome(_ path: String) async throws {
        let route = Self.routes[path]!
        let parts = path.split(separator: "/")
        let number = Self.number(String(parts[1]))
        let kind: RegistryRecord.Kind = parts[0] == "enheter" ? .enhet : .underenhet
        var body: [String: Any] = [:]
        if let file = route.file {
            body =
                try JSONSerialization.jsonObject(with: Data(contentsOf: Self.registryDirectory.appendingPathComponent(file)))
                as? [String: Any] ?? [:]
        }
        switch route.status {
        case 200:
            let outcome = try await client.lookup(number, kind: kind)
            let record: RegistryRecord
            switch outcome {
            case .active(let found):
                #expect(body["slettedato"] == nil)
                record = found
            case .deleted(let found):
                #expect(body["slettedato"] as? String == found.deletedOn)
                record = found
            default:
                Issue.record("\(path): expected a record, got \(outcome)")
                return
            }
            #expect(record.organisationNumber == number.digits)
            #expect(record.name == (body["navn"] as? String))
            #expect(record.website == (body["hjemmeside"] as? String))
            #expect(record.organisationForm?.code == ((body["organisasjonsform"] as? [String: Any])?["kode"] as? String))
        case 410:
            #expect(
                try await client.lookup(number, kind: kind)
                    == .removed(organisationNumber: number.digits, removedOn: body["slettedato"] as? String))
        case 500:
            do {
                _ = try await client.lookup(number, kind: kind)
                Issue.record("a 500 must be an error")
            } catch {
                #expect(error.kind == .serverError(status: 500))
                #expect(error.message.contains("trace"))
            }
        default:
            Issue.record("\(path): unexpected status \(route.status) in routes.json")
        }
    }

    @Test func activeEntityCarriesRegisteredContacts() async throws {
        guard case .active(let digdir) = try await client.lookup(Self.number("991825827")) else {
            Issue.record("Digdir should be active")
            return
        }
        #expect(digdir.name == "DIGITALISERINGSDIREKTORATET")
        #expect(digdir.email == "postmottak@digdir.no")
        #expect(digdir.phone == "22 45 10 00")
        #expect(digdir.website == "www.digdir.no")
        #expect(digdir.kind == .enhet)
    }

    @Test func anUnderenhetNumberFallsBackFromEnheterToUnderenheter() async throws {
        // GET /enheter/973160834 is a recorded 404 with an empty body (http-404-...record.json).
        guard case .active(let record) = try await client.lookup(Self.number("973160834")) else {
            Issue.record("973160834 is an underenhet")
            return
        }
        #expect(record.kind == .underenhet)
        #expect(record.organisationForm?.code == "BEDR")
    }

    @Test func deletedEntitiesAreDetectedBySlettedato() async throws {
        // One capture has respons_klasse "SlettetEnhet", the other none at all.
        for digits in ["821227062", "989566733"] {
            guard case .deleted(let record) = try await client.lookup(Self.number(digits)) else {
                Issue.record("\(digits) is deleted")
                continue
            }
            #expect(record.deletedOn != nil)
        }
    }

    @Test func a410MeansRemoved() async throws {
        #expect(try await client.lookup(Self.number("433695968")) == .removed(organisationNumber: "433695968", removedOn: "2025-05-24"))
    }

    @Test func aNumberTheRegisterDoesNotKnowIsNotFound() async throws {
        #expect(try await client.lookup(Self.number("123456785")) == .notFound)
    }

    @Test func anUnreachableRegisterIsAnErrorNotANotFound() async {
        // Nothing listens on 127.0.0.1:9 (discard); the register must never look like "not found".
        let settings = HTTPSettings(
            connectTo: [":443:127.0.0.1:9"], addressGuard: AddressGuard(allowedRanges: [CIDRRange("127.0.0.0/8")!]), maxRetries: 0)
        let offline = RegistryClient(http: CurlHTTPClient(settings: settings))
        do {
            _ = try await offline.lookup(Self.number("991825827"))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreachable)
        }
    }

    /// The recorded 404 exchange: the test web answers exactly as recorded.
    @Test func theRecorded404ExchangeIsReproduced() async throws {
        let record =
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: Self.registryDirectory.appendingPathComponent(
                        "fixtures/http-404-enheter-given-underenhet-orgnr.record.json"))) as? [String: Any]
        let http = CurlHTTPClient(settings: web.settings())
        let response = try await http.fetch(
            HTTPRequest(url: "https://data.brreg.no/enhetsregisteret/api/enheter/973160834", kind: .registry))
        let recordedStatus = (record?["response"] as? [String: Any])?["status"] as? Int ?? record?["status"] as? Int
        #expect(recordedStatus == 404)
        #expect(response.status == 404)
        #expect(response.body.isEmpty)
    }

    /// The search and update-feed fixtures are served at their real paths, byte for byte.
    @Test(arguments: [
        ("enheter?navn=Digitaliseringsdirektoratet", "search-enheter-navn-digitaliseringsdirektoratet.json"),
        ("underenheter?overordnetEnhet=991825827&size=1", "search-underenheter-overordnetEnhet-991825827.json"),
        ("underenheter?overordnetEnhet=984661185&size=100", "search-underenheter-overordnetEnhet-984661185-trimmed.json"),
        ("oppdateringer/enheter?dato=2020-10-05T00:00:00.000Z", "oppdateringer-enheter-page-2020-10-05.json"),
        ("oppdateringer/enheter?oppdateringsid=999999999", "oppdateringer-enheter-empty.json"),
        (
            "oppdateringer/enheter?organisasjonsnummer=923609016&includeChanges=true&sort=id,DESC",
            "oppdateringer-enheter-includeChanges-923609016.json"
        ),
        ("oppdateringer/underenheter?dato=2022-07-01T00:00:00.000Z", "oppdateringer-underenheter-page-anonymised.json"),
    ])
    func listFixturesAreServed(_ path: String, _ file: String) async throws {
        let http = CurlHTTPClient(settings: web.settings())
        let response = try await http.fetch(HTTPRequest(url: "https://data.brreg.no/enhetsregisteret/api/\(path)", kind: .registry))
        #expect(response.status == 200)
        let served = try JSONSerialization.jsonObject(with: response.body) as? NSDictionary
        let fixture =
            try JSONSerialization.jsonObject(with: Data(contentsOf: Self.registryDirectory.appendingPathComponent("fixtures/\(file)")))
            as? NSDictionary
        #expect(served == fixture)
    }

    @Test func a400BodyIsReadIntoASentence() async throws {
        // The register's documented 400 answer for a number that is not 9 digits.
        let http = CurlHTTPClient(settings: web.settings())
        let response = try await http.fetch(HTTPRequest(url: "https://data.brreg.no/enhetsregisteret/api/enheter/12345", kind: .registry))
        #expect(response.status == 400)
        let message = RegistryClient.validationMessage(response.body)
        #expect(message.contains("Feilaktig forespørsel"))
        #expect(message.contains("9 siffer"))
    }

    @Test func emptySearchHasNoEmbeddedKey() async throws {
        let http = CurlHTTPClient(settings: web.settings())
        let response = try await http.fetch(
            HTTPRequest(url: "https://data.brreg.no/enhetsregisteret/api/enheter?organisasjonsnummer=123456785", kind: .registry))
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(object?["_embedded"] == nil)
        #expect(object?["page"] != nil)
    }
}
