import Discovery
import FileIO
import Foundation
import OrgModel
import Registry
import SVGValidation
import TestSupport
import Testing

@testable import Profiles

/// An approved value is pinned: a refresh that finds another keeps the approved one, names the
/// field in `changedSinceApproval`, and the profile carries `approved`.
@Suite struct ReviewPinningTests {
    typealias Base = ProfileAssemblerTests
    static let otherSVG = Data(
        ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><circle cx="50" cy="20" r="18" fill="#a30"/></svg>"##.utf8)
    static let approvedAt = Date(timeIntervalSince1970: 1_750_000_000)

    static func discovered(_ svg: Data, email: String = "postmottak@digdir.no", phone: String = "22451000") -> DiscoveryResult {
        let candidate = LogoCandidate(
            source: .headerHomeLink, url: "https://www.digdir.no/ny-logo.svg", inlineSVG: nil, element: "img", score: 90, reasons: [])
        let chosen = EvaluatedLogoCandidate(
            candidate: candidate, outcome: .accepted, validation: SVGValidator().validate([UInt8](svg)), svg: svg, confidence: 0.9)
        return DiscoveryResult(
            documentURL: "https://www.digdir.no/", candidates: [chosen], logo: chosen,
            emails: [ContactCandidate(value: email, foundBy: .mailto, foundAt: "https://www.digdir.no/", score: 1, reasons: [])],
            phones: [
                ContactCandidate(
                    value: "+47" + phone, display: phone, foundBy: .tel, foundAt: "https://www.digdir.no/", score: 1, reasons: [])
            ],
            nameHints: [], problems: [])
    }

    static func approvals(logo: Bool = true, email: Bool = false) -> ReviewApprovals {
        let previous = Base.previous()
        return ReviewApprovals(
            logo: logo ? ReviewApproval(sha256: previous.logo!.sha256, at: approvedAt, by: "anne") : nil,
            email: email ? ReviewApproval(value: previous.email!.value, at: approvedAt, by: "anne") : nil)
    }

    @Test func anApprovedLogoSurvivesARefreshThatFindsAnother() throws {
        let previous = Base.previous()
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: previous, register: .success(.active(try Base.record())),
            discovery: Self.discovered(Self.otherSVG), overrides: nil, now: Base.now, approvals: Self.approvals())
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.sha256 == previous.logo?.sha256, "the approved logo stays")
        #expect(profile.logo?.file == previous.logo?.file, "its file stays named, so it is not swept")
        #expect(profile.logo?.stale == false)
        #expect(assembly.logoBytes == nil && assembly.renditionBytes.isEmpty, "the other logo's files are not written")
        #expect(profile.changedSinceApproval == ["logo"])
        #expect(profile.approved?.logo?.sha256 == previous.logo?.sha256 && profile.approved?.logo?.by == "anne")
        let problem = try #require(profile.problems.first { $0.code == .reviewChangedSinceApproval })
        #expect(problem.message.contains("https://www.digdir.no/ny-logo.svg"), "names what the site shows now: \(problem.message)")
    }

    @Test func withoutAnApprovalTheNewLogoWins() throws {
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: Base.previous(), register: .success(.active(try Base.record())),
            discovery: Self.discovered(Self.otherSVG), overrides: nil, now: Base.now)
        let profile = try #require(assembly.profile)
        #expect(profile.logo?.sha256 == SHA256.hex(Self.otherSVG))
        #expect(profile.changedSinceApproval == nil && profile.approved == nil)
    }

    @Test func aRefreshThatFindsTheApprovedValuesChangesNothing() throws {
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: Base.previous(), register: .success(.active(try Base.record())),
            discovery: Self.discovered(Base.goodSVG), overrides: nil, now: Base.now, approvals: Self.approvals(email: true))
        let profile = try #require(assembly.profile)
        #expect(profile.changedSinceApproval == nil)
        #expect(profile.approved?.email?.value == "postmottak@digdir.no")
        #expect(!profile.problems.contains { $0.code == .reviewChangedSinceApproval })
    }

    @Test func anApprovedEmailIsKeptWhenTheSiteGivesAnother() throws {
        let assembly = Base.assembler.assemble(
            Base.orgnr, previous: Base.previous(), register: .success(.active(try Base.record())),
            discovery: Self.discovered(Base.goodSVG, email: "ny@digdir.no"), overrides: nil, now: Base.now,
            approvals: Self.approvals(logo: false, email: true))
        let profile = try #require(assembly.profile)
        #expect(profile.email?.value == "postmottak@digdir.no" && profile.email?.stale == false)
        #expect(profile.changedSinceApproval == ["email"])
        #expect(profile.problems.contains { $0.code == .reviewChangedSinceApproval && $0.message.contains("ny@digdir.no") })
    }

    @Test func approvalsSurviveAnUnreachableRegisterAndLeaveWithATombstone() throws {
        var previous = Base.previous()
        previous.changedSinceApproval = ["logo"]
        let error = RegistryError(kind: .unreachable, url: "https://data.brreg.no/x", message: "connection refused")
        let kept = try #require(
            Base.assembler.assemble(
                Base.orgnr, previous: previous, register: .failure(error), discovery: nil, overrides: nil, now: Base.now,
                approvals: Self.approvals()
            ).profile)
        #expect(kept.approved == Self.approvals() && kept.changedSinceApproval == ["logo"])
        let tombstone = try #require(
            Base.assembler.assemble(
                Base.orgnr, previous: previous, register: .success(.removed(organisationNumber: Base.orgnr, removedOn: nil)),
                discovery: nil, overrides: nil, now: Base.now, approvals: Self.approvals()
            ).profile)
        #expect(tombstone.approved == nil && tombstone.changedSinceApproval == nil)
    }

    @Test func aProfileWithApprovalsEncodesTheContractsShape() throws {
        var profile = Base.previous()
        profile.approved = Self.approvals(email: true)
        profile.changedSinceApproval = ["logo"]
        let object = try #require(try JSONSerialization.jsonObject(with: Profile.encoder().encode(profile)) as? [String: Any])
        let approved = try #require(object["approved"] as? [String: Any])
        #expect(Set(approved.keys) == ["logo", "email"])
        let logo = try #require(approved["logo"] as? [String: Any])
        #expect(Set(logo.keys) == ["sha256", "at", "by"])
        #expect(logo["at"] as? String == "2025-06-15T15:06:40Z")
        #expect(Set((approved["email"] as? [String: Any])?.keys.map { $0 } ?? []) == ["value", "at", "by"])
        #expect(object["changedSinceApproval"] as? [String] == ["logo"])
        #expect(try Profile.decoder().decode(Profile.self, from: Profile.encoder().encode(profile)) == profile)
        let checker = try JSONSchemaCheck(schemaFile: JSONSchemaCheck.profileSchema)
        #expect(try checker.violations(Profile.encoder().encode(profile)) == [])
        profile.changedSinceApproval = ["name"]
        #expect(try checker.violations(Profile.encoder().encode(profile)) != [], "the schema knows the fields")
    }
}
