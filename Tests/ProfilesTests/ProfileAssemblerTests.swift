import Discovery
import FileIO
import Foundation
import OrgModel
import Registry
import SVGValidation
import Testing

@testable import Profiles

/// Assembly from plain values: previous profile, register answer, discovery result, overrides, now.
@Suite struct ProfileAssemblerTests {
    static let orgnr = "991825827"
    static let assembler = ProfileAssembler(registryBaseURL: "https://data.brreg.no/enhetsregisteret/api")
    static let earlier = Date(timeIntervalSince1970: 1_700_000_000)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let goodSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><rect x="5" y="5" width="90" height="30" fill="#036"/></svg>"##
            .utf8)

    static func record(website: String? = "www.digdir.no", email: String? = nil) throws -> RegistryRecord {
        let object: [String: Any] = [
            "organisationNumber": orgnr, "kind": "enhet", "name": "DIGITALISERINGSDIREKTORATET", "placeNames": [],
            "website": website as Any, "email": email as Any,
        ].compactMapValues { $0 is NSNull ? nil : $0 }
        return try JSONDecoder().decode(RegistryRecord.self, from: JSONSerialization.data(withJSONObject: object))
    }

    /// What a good earlier refresh stored: a logo, an email and a phone, none stale.
    static func previous() -> Profile {
        let sha = SHA256.hex(goodSVG)
        return Profile(
            schemaVersion: 1, organisationNumber: orgnr, status: .active,
            name: .init(registered: "DIGITALISERINGSDIREKTORATET", display: "Digitaliseringsdirektoratet", displaySource: "og:site_name"),
            organisationForm: nil, registryURL: nil, website: "https://www.digdir.no/", websiteResolved: "https://www.digdir.no/",
            deletedOn: nil,
            logo: Profile.Logo(
                file: "logos/\(orgnr)-\(sha.prefix(16)).svg", sourceURL: "https://www.digdir.no/logo.svg", foundOn: nil, sha256: sha,
                foundBy: .headerHomeLink, confidence: 0.9, validation: SVGReport(findings: []), stale: false,
                retrievedAt: earlier),
            email: Profile.Email(value: "postmottak@digdir.no", foundBy: .mailto, foundAt: "https://www.digdir.no/", stale: false),
            phone: Profile.Phone(e164: "+4722451000", display: "22 45 10 00", foundBy: .tel, foundAt: nil, stale: false),
            problems: [], refreshedAt: earlier)
    }

    /// A discovery run that read the site and found nothing usable.
    static let foundNothing = DiscoveryResult(
        documentURL: "https://www.digdir.no/", candidates: [], logo: nil, emails: [], phones: [], nameHints: [],
        problems: [DiscoveryProblem(code: .logoNoneFound, message: "no logo candidates on the page")])

    @Test func aRefreshThatFindsNothingKeepsTheLastGoodValuesStale() throws {
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: Self.previous(), register: .success(.active(try Self.record())), discovery: Self.foundNothing,
            overrides: nil, now: Self.now)
        let profile = try #require(assembly.profile)
        #expect(assembly.result == .written)
        #expect(assembly.logoBytes == nil, "no new logo file to write")
        #expect(profile.logo?.file == Self.previous().logo?.file)
        #expect(profile.logo?.stale == true && profile.email?.stale == true && profile.phone?.stale == true)
        #expect(profile.problems.map(\.code).contains(.logoKeptStale))
        #expect(profile.refreshedAt == Self.now)
    }

    @Test func anUnreachableRegisterKeepsTheLastProfileStaleWithItsDate() throws {
        let error = RegistryError(kind: .unreachable, url: "https://data.brreg.no/x", message: "connection refused")
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: Self.previous(), register: .failure(error), discovery: nil, overrides: nil, now: Self.now)
        let profile = try #require(assembly.profile)
        #expect(assembly.result == .registryFailed)
        #expect(profile.logo?.stale == true && profile.logo?.file == Self.previous().logo?.file)
        #expect(profile.problems.map(\.code) == [.registryUnreachable])
        #expect(profile.problems.first?.message.contains("2023-11-14") == true, "names the day of the kept values")
        #expect(profile.refreshedAt == Self.earlier, "refreshedAt is the last refresh that reached the register")

        let first = Self.assembler.assemble(
            Self.orgnr, previous: nil, register: .failure(error), discovery: nil, overrides: nil, now: Self.now)
        #expect(first.result == .registryFailed && first.profile == nil)
    }

    @Test func a410BecomesATombstoneWithNothingKept() throws {
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: Self.previous(), register: .success(.removed(organisationNumber: Self.orgnr, removedOn: "2026-01-02")),
            discovery: nil, overrides: nil, now: Self.now)
        let profile = try #require(assembly.profile)
        #expect(assembly.result == .removed && assembly.hadProfile)
        #expect(profile.status == .removed && profile.deletedOn == "2026-01-02")
        #expect(profile.logo == nil && profile.email == nil && profile.phone == nil && profile.name == nil && profile.website == nil)
        #expect(profile.problems.map(\.code) == [.registryRemoved])
        #expect(profile.registryURL == "https://data.brreg.no/enhetsregisteret/api/enheter/\(Self.orgnr)")
    }

    @Test func anUnknownNumberKeepsAnEarlierProfileOrWritesNothing() throws {
        let kept = Self.assembler.assemble(
            Self.orgnr, previous: Self.previous(), register: .success(.notFound), discovery: nil, overrides: nil, now: Self.now)
        #expect(kept.result == .notFound && kept.profile?.status == .unknown && kept.profile?.email?.stale == true)
        let none = Self.assembler.assemble(
            Self.orgnr, previous: nil, register: .success(.notFound), discovery: nil, overrides: nil, now: Self.now)
        #expect(none.result == .notFound && none.profile == nil && none.error?.contains("check the number") == true)
    }

    @Test func handSuppliedValuesWinOverDiscovery() throws {
        let discovered = DiscoveryResult(
            documentURL: "https://www.digdir.no/", candidates: [], logo: nil,
            emails: [
                ContactCandidate(value: "found@digdir.no", foundBy: .mailto, foundAt: "https://www.digdir.no/", score: 1, reasons: [])
            ],
            phones: [], nameHints: [], problems: [DiscoveryProblem(code: .logoNoneFound, message: "none")])
        var overrides = OperatorOverrides.Values()
        overrides.svg = Self.goodSVG
        overrides.email = " Post@Digdir.no "
        overrides.phone = "22 45 10 00"
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: nil, register: .success(.active(try Self.record())), discovery: discovered, overrides: overrides,
            now: Self.now)
        let profile = try #require(assembly.profile)
        #expect(profile.email?.value == "post@digdir.no" && profile.email?.foundBy == .handSupplied)
        #expect(profile.phone?.e164 == "+4722451000" && profile.phone?.foundBy == .handSupplied)
        #expect(profile.logo?.foundBy == .handSupplied && profile.logo?.sha256 == SHA256.hex(Self.goodSVG))
        #expect(assembly.logoBytes == Self.goodSVG, "the hand-supplied logo is the file to write")
        #expect(!profile.problems.contains { $0.code.rawValue.hasPrefix("logo.") }, "a hand-supplied logo answers the logo problem")
    }

    @Test func aRejectedHandSuppliedLogoDoesNotReplaceTheDiscoveredOne() throws {
        var overrides = OperatorOverrides.Values()
        overrides.svg = Data(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>"#.utf8)
        overrides.svgPath = "/etc/orgprofile/overrides/\(Self.orgnr).svg"
        let assembly = Self.assembler.assemble(
            Self.orgnr, previous: Self.previous(), register: .success(.active(try Self.record())), discovery: Self.foundNothing,
            overrides: overrides, now: Self.now)
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.foundBy == .headerHomeLink && profile.logo?.stale == true)
        #expect(profile.problems.map(\.code).contains(.overrideLogoRejected))
        #expect(assembly.logoBytes == nil)
    }
}
