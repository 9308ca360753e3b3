import CurlHTTP
import Foundation
import OrgModel
import SVGValidation
import Testing
import TestSupport
@testable import Discovery

/// Discovery end to end against the sample agency sites on the loopback test web, with the real
/// HTTP client, compared with the hand-made labels in `Tests/TestWeb/samples.json`.
@Suite struct SampleSiteTests {
    typealias Sample = SiteLabel

    static let samples: [Sample] = SiteLabel.samples

    /// Sites whose labels come from the site itself (not the register alone).
    static let siteSamples = samples.filter { $0.website != nil && !$0.expectProblems.contains("site.unreachable") }

    /// Sites whose label names a logo.
    static let samplesWithLogo = siteSamples.filter { $0.logo.sourceURL != nil }

    static func discoverer() -> SiteDiscoverer {
        SiteDiscoverer(http: CurlHTTPClient(settings: TestWeb.shared.settings()), validator: SVGValidator())
    }

    static func discover(_ sample: Sample) async -> DiscoveryResult {
        await discoverer().discover(website: sample.website!, organisationName: sample.registeredName,
                                    registryEmail: nil, registryPhone: nil)
    }

    @Test(arguments: siteSamples)
    func contactsMatchTheLabels(_ sample: Sample) async {
        let result = await Self.discover(sample)
        #expect(result.email?.value == sample.email, "emails: \(result.emails.map { "\($0.value) \($0.score)" })")
        #expect(result.phone?.value == sample.phone?.e164, "phones: \(result.phones.map { "\($0.value) \($0.score) \($0.reasons)" })")
        #expect(result.phone?.display == sample.phone?.display)
    }

    @Test func theSamplesCoverSitesWithAndWithoutALogo() {
        #expect(Self.siteSamples.count >= 10)
        #expect(Self.samplesWithLogo.count >= 10)
    }

    @Test(arguments: samplesWithLogo)
    func expectedLogoIsFoundFetchedAndSniffedAsSVG(_ sample: Sample) async throws {
        let result = await Self.discover(sample)
        let expectedURL = try #require(sample.logo.sourceURL)
        let expected = result.candidates.first {
            ($0.candidate.url ?? result.documentURL) == expectedURL && $0.candidate.source.rawValue == sample.logo.foundBy
        }
        let found = try #require(expected, "candidates: \(result.candidates.map { "\($0.candidate.source.rawValue) \($0.candidate.url ?? "inline") \($0.outcome) \($0.candidate.score)" })")
        #expect(found.outcome == .accepted || found.outcome == .rejected, "outcome \(found.outcome): \(found.detail ?? "")")
    }

    @Test(arguments: siteSamples)
    func winningLogoMatchesTheLabel(_ sample: Sample) async {
        let result = await Self.discover(sample)
        #expect(result.logo.flatMap { $0.candidate.url ?? result.documentURL } == sample.logo.sourceURL,
                "candidates: \(result.candidates.map { "\($0.candidate.source.rawValue) \($0.candidate.url ?? "inline") \($0.outcome) \($0.candidate.score)" })")
        #expect(result.logo?.candidate.source.rawValue == sample.logo.foundBy)
        if result.logo != nil { #expect(result.logo?.svg != nil) }
    }

    /// Many sites at once (libxml2 parsing from many tasks) gives the same answers as one at a time.
    @Test func concurrentDiscoveryIsConsistent() async {
        let discoverer = Self.discoverer()
        let sequential = await Self.summaries(discoverer, concurrently: false)
        let concurrent = await Self.summaries(discoverer, concurrently: true)
        #expect(sequential.count == Self.siteSamples.count)
        #expect(concurrent == sequential)
    }

    static func summaries(_ discoverer: SiteDiscoverer, concurrently: Bool) async -> [String: String] {
        func summary(_ result: DiscoveryResult) -> String {
            [result.documentURL ?? "-", result.logo?.candidate.url ?? result.logo?.candidate.element ?? "-",
             result.email?.value ?? "-", result.phone?.value ?? "-", result.problems.map(\.code.rawValue).joined(separator: ",")]
                .joined(separator: " | ")
        }
        var results: [String: String] = [:]
        if concurrently {
            await withTaskGroup(of: (String, String).self) { group in
                for sample in siteSamples {
                    group.addTask {
                        (sample.orgnr, summary(await discoverer.discover(website: sample.website!, organisationName: sample.registeredName,
                                                                         registryEmail: nil, registryPhone: nil)))
                    }
                }
                for await (orgnr, line) in group { results[orgnr] = line }
            }
        } else {
            for sample in siteSamples {
                results[sample.orgnr] = summary(await discoverer.discover(website: sample.website!, organisationName: sample.registeredName,
                                                                          registryEmail: nil, registryPhone: nil))
            }
        }
        return results
    }

    @Test(arguments: siteSamples)
    func expectedProblemsAreReported(_ sample: Sample) async {
        let result = await Self.discover(sample)
        let codes = result.problems.map(\.code.rawValue)
        for expected in sample.expectProblems where !expected.hasPrefix("site.none") {
            #expect(codes.contains(expected), "got \(codes)")
        }
        // Every sample site serves https, so none should report a fallback to http.
        #expect(!codes.contains("site.no-https"))
        if sample.logo.foundBy != nil {
            #expect(!codes.contains { $0.hasPrefix("logo.") && $0 != "logo.low-confidence" && $0 != "logo.raster-page-logo" }, "got \(codes)")
            // Weak sources are flagged for review; the header, JSON-LD and inline logos are not.
            let weak = ["favicon-svg", "mask-icon"].contains(sample.logo.foundBy!)
            #expect(codes.contains("logo.low-confidence") == weak, "got \(codes)")
        }
    }
}
