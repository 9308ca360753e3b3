import CurlHTTP
import Discovery
import FileIO
import Foundation
import LogoRendering
import Registry
import SVGValidation

/// How one organisation's refresh ended.
public struct RefreshOutcome: Sendable {
    public enum Result: String, Sendable {
        /// A profile was written (active or deleted organisation).
        case written
        /// 410: the profile was purged to a tombstone.
        case removed
        /// The register does not know the number; nothing new was written.
        case notFound
        /// The register could not be read; the last good profile stays, marked stale.
        case registryFailed = "registry-failed"
        /// The cache directory could not be read or written; the last good profile stays as it was.
        case storeFailed = "store-failed"
        /// The refresh was cancelled (shutdown) before it wrote anything.
        case cancelled
    }

    public let organisationNumber: String
    public let result: Result
    public let profile: Profile?
    /// One sentence when the refresh did not fully succeed.
    public let error: String?
    /// The site and the register record were as before, and the last discovery's result was used.
    public var reusedDiscovery = false
    /// PNG renditions drawn by this refresh (0 when the logo's are on disk from an earlier one).
    public var renditionsDrawn = 0

    public init(organisationNumber: String, result: Result, profile: Profile?, error: String?) {
        self.organisationNumber = organisationNumber
        self.result = result
        self.profile = profile
        self.error = error
    }
}

/// One refresh of one organisation: read the previous profile, ask the register (unless the
/// caller already has its answer), run discovery on an active record's website, assemble
/// (`ProfileAssembler`, pure) and save (`ProfileStore.save(_:)`).
public struct ProfileRefresher: Sendable {
    public let registry: RegistryClient
    public let discoverer: SiteDiscoverer
    public let store: ProfileStore
    public let now: @Sendable () -> Date
    /// Hand-supplied values that win over discovery; nil when none are configured.
    public let overrides: OperatorOverrides?
    /// Where the last discovery of each organisation is recorded, so an unchanged site is not
    /// read again; nil (no HTTP cache): discovery always runs.
    public let records: DiscoveryRecords?
    /// Staff's approvals (`<state-dir>/review`), pinned by assembly; nil: none.
    public let reviews: ReviewStore?
    let assembler: ProfileAssembler

    public init(
        registry: RegistryClient, discoverer: SiteDiscoverer, store: ProfileStore, overrides: OperatorOverrides? = nil,
        records: DiscoveryRecords? = nil, reviews: ReviewStore? = nil, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.registry = registry
        self.discoverer = discoverer
        self.store = store
        self.overrides = overrides
        self.records = records
        self.reviews = reviews
        self.now = now
        assembler = ProfileAssembler(
            registryBaseURL: registry.baseURL, validator: overrides?.validator ?? SVGValidator(),
            renderer: LogoRenderer(limits: discoverer.options.renderLimits))
    }

    /// Time one logo may take to draw, here as in discovery (`DiscoveryOptions.renderTimeLimit`).
    public var renderTimeLimit: Duration { assembler.renderer.limits.timeLimit }

    /// `prefetched` is the register's answer when the caller already has it (a batch lookup, or
    /// `.removed` from the update feed); otherwise the register is asked here.
    public func refresh(_ number: OrganisationNumber, prefetched: RegistryLookup? = nil) async -> RefreshOutcome {
        let orgnr = number.digits
        let previous: Profile?
        do {
            previous = try store.load(orgnr)
        } catch {
            return RefreshOutcome(
                organisationNumber: orgnr, result: .storeFailed, profile: nil,
                error: "\(error); move the file away to let orgprofile write a new profile")
        }
        let register: Result<RegistryLookup, RegistryError>
        if let prefetched {
            register = .success(prefetched)
        } else {
            do { register = .success(try await registry.lookup(number)) } catch { register = .failure(error) }
        }
        var discovery: DiscoveryResult?
        var handSupplied: OperatorOverrides.Values?
        var reused = false
        if case .success(.removed) = register { records?.forget(orgnr) }
        if case .success(.active(let record)) = register {
            if let website = record.website {
                (discovery, reused) = await discover(website: website, record: record)
            } else {
                discovery = await discoverer.withoutWebsite(
                    organisationNumber: record.organisationNumber, registryEmail: record.email,
                    registryPhone: record.phone ?? record.mobile)
            }
            handSupplied = overrides?.values(for: record.organisationNumber)
            // A refresh cut short by shutdown may have lost pages to cancellation: write nothing.
            if Task.isCancelled {
                return RefreshOutcome(organisationNumber: record.organisationNumber, result: .cancelled, profile: nil, error: "cancelled")
            }
        }
        let assembly = assembler.assemble(
            orgnr, previous: previous, register: register, discovery: discovery, overrides: handSupplied, now: now(),
            renderings: await render(discovery?.logo, previous: previous?.logo).merging(
                await render(discovery?.symbol, previous: previous?.logo?.symbol)
            ) { first, _ in first }, approvals: approvals(orgnr, previous: previous))
        var outcome = await store.save(assembly)
        outcome.reusedDiscovery = reused && outcome.result == .written
        outcome.renditionsDrawn = assembly.renditionBytes.keys.filter { $0.hasSuffix(".png") }.count
        return outcome
    }

    /// The approvals of the review state; when it has no file for the organisation (a refresh
    /// with another or no `state-dir`) or the file cannot be read, the ones the previous profile
    /// carries, so the pins are not dropped.
    private func approvals(_ orgnr: String, previous: Profile?) -> ReviewApprovals? {
        guard let reviews, FileManager.default.fileExists(atPath: reviews.path(orgnr)) else { return previous?.approved }
        do {
            return try reviews.load(orgnr).approved
        } catch {
            return previous?.approved
        }
    }

    /// Discovery's accepted logo, rendered with its renditions off the cooperative pool, unless the
    /// previous profile has the same bytes rendered and its renditions are on disk (then the
    /// assembler reuses them). Keyed by the bytes' SHA-256, as `ProfileAssembler` expects.
    private func render(_ chosen: EvaluatedLogoCandidate?, previous: Profile.Logo?) async -> [String: RenderResult] {
        await render(chosen, previous: previous.flatMap { $0.rendering == nil ? nil : ($0.sha256, $0.renditions) })
    }

    /// The symbol kept beside the logo, the same way.
    private func render(_ chosen: EvaluatedLogoCandidate?, previous: Profile.Logo.Symbol?) async -> [String: RenderResult] {
        await render(chosen, previous: previous.map { ($0.sha256, $0.renditions) })
    }

    private func render(
        _ chosen: EvaluatedLogoCandidate?, previous: (sha256: String, renditions: [Profile.Logo.Rendition]?)?
    ) async -> [String: RenderResult] {
        guard let chosen, let svg = chosen.svg, chosen.validation?.verdict == .accepted else { return [:] }
        let digest = SHA256.hex(svg)
        if let previous, previous.sha256 == digest, let renditions = previous.renditions,
            renditions.allSatisfy({ FileManager.default.fileExists(atPath: store.absolutePath($0.file)) })
        {
            return [:]
        }
        // Discovery drew the winner (and a kept symbol) to choose it: its report saves drawing and
        // measuring the analysis canvas again.
        return [
            digest: await assembler.renderer.render(
                [UInt8](svg), renditionHeights: LogoRenderer.renditionHeights, analysed: chosen.rendering)
        ]
    }

    /// Discovery of an active record's website, or the recorded result of the last one when its
    /// inputs are the same and every request it made is answered 304 at the same final URL (or,
    /// for a missing logo file, the same 404/410).
    /// Returns the result and whether it was the recorded one.
    private func discover(website: String, record: RegistryRecord) async -> (DiscoveryResult, Bool) {
        let name = record.name ?? ""
        let phone = record.phone ?? record.mobile
        guard let records else {
            return (
                await discoverer.discover(
                    website: website, organisationName: name, organisationNumber: record.organisationNumber,
                    registryEmail: record.email, registryPhone: phone), false
            )
        }
        let orgnr = record.organisationNumber
        let inputs = DiscoveryRecords.inputs(
            website: website, name: name, organisationNumber: orgnr, email: record.email, phone: phone, options: discoverer.options)
        let http: any HTTPFetching =
            discoverer.options.organisationTimeout.map { DeadlineFetcher(wrapping: discoverer.http, limit: $0) } ?? discoverer.http
        var received: [(request: HTTPRequest, response: HTTPResponse)] = []
        if let last = records.load(orgnr), last.inputs == inputs, !last.fetches.isEmpty {
            var unchanged = true
            for fetch in last.fetches {
                guard let request = fetch.request, let response = try? await http.fetch(request) else {
                    unchanged = false
                    break
                }
                received.append((request, response))
                guard fetch.isUnchanged(response) else {
                    unchanged = false
                    break
                }
            }
            if unchanged && !Task.isCancelled { return (last.result, true) }
        }
        let recorder = RecordingFetcher(PrimedFetcher(discoverer.http, primed: received))
        let result = await SiteDiscoverer(http: recorder, validator: discoverer.validator, options: discoverer.options).discover(
            website: website, organisationName: name, organisationNumber: orgnr, registryEmail: record.email, registryPhone: phone)
        if !Task.isCancelled, !result.problems.contains(where: { $0.code == .siteTimeout }), let fetches = recorder.completeFetches {
            records.save(DiscoveryRecord(inputs: inputs, fetches: fetches, result: result), for: orgnr)
        } else {
            records.forget(orgnr)
        }
        return (result, false)
    }
}
