import FileIO
import Foundation
import OrgModel
import Testing
import TestSupport

@testable import Profiles

/// Which queues a profile is in, from the profile and the review state.
@Suite struct ReviewQueuesTests {
    typealias Base = ProfileAssemblerTests
    static let review = ReviewState(organisationNumber: Base.orgnr)

    func queues(_ change: (inout Profile) -> Void, review: ReviewState = Self.review) -> [ReviewQueue] {
        var profile = Base.previous()
        change(&profile)
        return ReviewQueues.queues(of: profile, review: review)
    }

    @Test func aCompleteConfidentProfileIsInNoQueue() {
        #expect(queues { _ in } == [])
    }

    @Test func eachQueueHasItsReason() {
        #expect(queues { $0.phone = nil } == [.missing])
        #expect(queues { $0.logo?.confidence = 0.3 } == [.lowConfidence])
        #expect(queues { $0.problems = [Profile.Problem(code: .logoLowConfidence, message: "")] } == [.lowConfidence])
        #expect(queues { $0.logo?.foundBy = .wikidata } == [.wikidata])
        #expect(queues { $0.email?.stale = true } == [.stale])
        #expect(queues { $0.problems = [Profile.Problem(code: .contactRegistryDisagrees, message: "")] } == [.disagree])
        #expect(queues { $0.websiteResolved = "https://www.nyttnavn.no/" } == [.disagree])
        #expect(queues { $0.websiteResolved = "https://digdir.no/start" } == [], "www. and paths are the same site")
        #expect(queues { $0.changedSinceApproval = ["logo"] } == [.changedSinceApproval])
    }

    @Test func anApprovedLogoLeavesTheLowConfidenceAndWikidataQueues() {
        let sha = Base.previous().logo!.sha256
        let approved = ReviewState(
            organisationNumber: Base.orgnr, approved: ReviewApprovals(logo: ReviewApproval(sha256: sha, at: Base.now, by: "anne")))
        #expect(
            queues(
                {
                    $0.logo?.foundBy = .wikidata; $0.logo?.confidence = 0.2
                }, review: approved) == [])
        let other = ReviewState(
            organisationNumber: Base.orgnr,
            approved: ReviewApprovals(logo: ReviewApproval(sha256: String(repeating: "0", count: 64), at: Base.now, by: "anne")))
        #expect(queues({ $0.logo?.foundBy = .wikidata }, review: other) == [.wikidata], "an approval of another logo does not count")
    }

    @Test func askedIsWaitingUntilTheGapIsFilled() {
        let asked = ReviewState(
            organisationNumber: Base.orgnr, asked: [ReviewAsked(date: "2026-12-01", note: "", by: "anne", at: Base.now)])
        #expect(queues({ $0.logo = nil }, review: asked) == [.missing, .asked])
        #expect(queues({ _ in }, review: asked) == [], "once the logo is there, the question is answered")
    }

    @Test func collectReadsOnlyActiveProfilesWithTheirState() async throws {
        let root = Scratch.url.appendingPathComponent("orgprofile-queues-\(UUID().uuidString)").path
        let store = ProfileStore(root: "\(root)/cache")
        var missing = Base.previous()
        missing.phone = nil
        try await store.save(missing, logoBytes: Base.goodSVG)
        var deleted = Base.previous()
        deleted.organisationNumber = "974760673"
        deleted.status = .deleted
        deleted.logo = nil
        try await store.save(deleted, logoBytes: nil)
        let reviews = ReviewStore(stateDirectory: "\(root)/state")
        try reviews.update(Base.orgnr) { state throws(ReviewError) in
            state.asked.append(ReviewAsked(date: "2026-12-01", note: "", by: "anne", at: Base.now))
        }
        let queues = ReviewQueues.collect(profiles: store, reviews: reviews)
        #expect(queues.entries.map(\.organisationNumber) == [Base.orgnr])
        #expect(queues.numbers(in: .missing) == [Base.orgnr] && queues.numbers(in: .asked) == [Base.orgnr])
        #expect(queues.numbers(in: .stale) == [])
    }
}
