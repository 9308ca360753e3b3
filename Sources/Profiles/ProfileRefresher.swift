import CurlHTTP
import Discovery
import Foundation
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

    public init(organisationNumber: String, result: Result, profile: Profile?, error: String?) {
        self.organisationNumber = organisationNumber
        self.result = result
        self.profile = profile
        self.error = error
    }
}

/// One refresh of one organisation: register → website → profile → store. Never replaces a good
/// value with nothing: what the latest run could not find is kept from the last profile, marked stale.
public struct ProfileRefresher: Sendable {
    public let registry: RegistryClient
    public let discoverer: SiteDiscoverer
    public let store: ProfileStore
    public let now: @Sendable () -> Date
    /// Hand-supplied values that win over discovery; nil when none are configured.
    public let overrides: OperatorOverrides?

    public init(
        registry: RegistryClient, discoverer: SiteDiscoverer, store: ProfileStore, overrides: OperatorOverrides? = nil,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.registry = registry
        self.discoverer = discoverer
        self.store = store
        self.overrides = overrides
        self.now = now
    }

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

        let lookup: RegistryLookup
        do {
            if let prefetched {
                lookup = prefetched
            } else {
                lookup = try await registry.lookup(number)
            }
        } catch {
            guard var kept = previous else {
                return RefreshOutcome(organisationNumber: orgnr, result: .registryFailed, profile: nil, error: error.description)
            }
            markStale(&kept)
            kept.problems = [
                Profile.Problem(
                    code: "registry.unreachable",
                    message:
                        "\(error.description); the values from \(Self.dayFormatter.string(from: kept.refreshedAt)) are kept and marked stale"
                )
            ]
            return await save(kept, logoBytes: nil, error: error.description, result: .registryFailed, hadProfile: true)
        }

        switch lookup {
        case .notFound:
            if var kept = previous {
                kept.status = .unknown
                markStale(&kept)
                kept.problems = [
                    Profile.Problem(
                        code: "registry.not-found",
                        message: "the register no longer knows \(orgnr); earlier values are kept and marked stale")
                ]
                return await save(
                    kept, logoBytes: nil, error: "\(orgnr) is not in Enhetsregisteret (neither as enhet nor as underenhet)",
                    result: .notFound, hadProfile: true)
            }
            return RefreshOutcome(
                organisationNumber: orgnr, result: .notFound, profile: nil,
                error: "\(orgnr) is not in Enhetsregisteret (neither as enhet nor as underenhet); check the number")
        case .removed(_, let removedOn):
            let tombstone = Profile(
                schemaVersion: Profile.currentSchemaVersion, organisationNumber: orgnr, status: .removed, name: nil,
                organisationForm: nil, registryURL: registry.url(for: number, kind: .enhet), website: nil, websiteResolved: nil,
                deletedOn: removedOn, logo: nil, email: nil, phone: nil,
                problems: [
                    Profile.Problem(
                        code: "registry.removed",
                        message: "removed from the register's open data for legal reasons (HTTP 410); all cached values were purged")
                ],
                refreshedAt: now())
            return await save(tombstone, logoBytes: nil, error: nil, result: .removed, hadProfile: previous != nil)
        case .deleted(let record):
            var profile = base(record, previous: previous, status: .deleted)
            profile.logo = previous?.logo
            profile.email = previous?.email
            profile.phone = previous?.phone
            markStale(&profile)
            profile.problems = [
                Profile.Problem(
                    code: "registry.deleted",
                    message: "deleted in the register on \(record.deletedOn ?? "an unknown date"); the website is no longer checked")
            ]
            return await save(profile, logoBytes: nil, error: nil, result: .written, hadProfile: previous != nil)
        case .active(let record):
            return await refreshActive(record, number: number, previous: previous)
        }
    }

    private func refreshActive(_ record: RegistryRecord, number: OrganisationNumber, previous: Profile?) async -> RefreshOutcome {
        var profile = base(record, previous: previous, status: .active)
        var problems: [Profile.Problem] = []
        var logoBytes: Data?
        let registeredName = record.name ?? ""

        let result: DiscoveryResult
        if let website = record.website {
            result = await discoverer.discover(
                website: website, organisationName: registeredName, organisationNumber: record.organisationNumber,
                registryEmail: record.email, registryPhone: record.phone ?? record.mobile)
            profile.website = Self.websiteURL(website)
            profile.websiteResolved = result.documentURL
        } else {
            result = await discoverer.withoutWebsite(
                organisationNumber: record.organisationNumber, registryEmail: record.email, registryPhone: record.phone ?? record.mobile)
        }
        problems += result.problems.map { Profile.Problem(code: $0.code, message: $0.message) }
        if let name = profile.name {
            let chosen = DisplayName.choose(registered: name.registered, hints: result.nameHints, placeNames: record.placeNames)
            let short = DisplayName.shortName(registered: name.registered, display: chosen.display, hints: result.nameHints,
                                              website: result.documentURL ?? record.website)
            profile.name = Profile.Name(registered: name.registered, display: chosen.display, displaySource: chosen.source,
                                        short: short?.short, shortSource: short?.source)
        }
        let registryURL = registry.url(for: record.organisationNumber, kind: record.kind)

        // Logo: the new accepted SVG, else the last good one (stale), else nothing.
        if let chosen = result.logo, let svg = chosen.svg, let report = chosen.validation, report.verdict == .accepted {
            let digest = SHA256.hex(svg)
            profile.logo = Profile.Logo(
                file: store.logoFile(record.organisationNumber, sha256: digest),
                sourceURL: chosen.candidate.url ?? result.documentURL,
                foundOn: chosen.candidate.source == .wikidata ? nil : result.documentURL, sha256: digest, foundBy: chosen.candidate.source.rawValue,
                confidence: min(1, max(0, chosen.confidence ?? 0)), validation: report, stale: false,
                retrievedAt: previous?.logo.flatMap { $0.sha256 == digest ? $0.retrievedAt : nil } ?? now())
            logoBytes = svg
        } else if var kept = previous?.logo {
            kept.stale = true
            profile.logo = kept
            problems.append(
                Profile.Problem(
                    code: "logo.kept-stale",
                    message:
                        "no acceptable logo was found this time; the logo from \(Self.dayFormatter.string(from: kept.retrievedAt)) is kept")
            )
        }

        if let email = result.email {
            profile.email = Profile.Email(
                value: email.value, foundBy: email.foundBy,
                foundAt: email.foundAt ?? (email.foundBy == "registry" ? registryURL : nil), stale: false)
        } else if var kept = previous?.email {
            kept.stale = true
            profile.email = kept
        }
        if let phone = result.phone, let display = phone.display {
            profile.phone = Profile.Phone(
                e164: phone.value, display: display, foundBy: phone.foundBy,
                foundAt: phone.foundAt ?? (phone.foundBy == "registry" ? registryURL : nil), stale: false)
        } else if var kept = previous?.phone {
            kept.stale = true
            profile.phone = kept
        }
        if let overrides {
            applyOverrides(
                overrides, to: &profile, logoBytes: &logoBytes, problems: &problems, organisationNumber: record.organisationNumber)
        }
        profile.problems = problems
        // A refresh cut short by shutdown may have lost pages to cancellation: write nothing.
        if Task.isCancelled {
            return RefreshOutcome(organisationNumber: record.organisationNumber, result: .cancelled, profile: nil, error: "cancelled")
        }
        return await save(profile, logoBytes: logoBytes, error: nil, result: .written, hadProfile: previous != nil)
    }

    private func applyOverrides(
        _ overrides: OperatorOverrides, to profile: inout Profile, logoBytes: inout Data?,
        problems: inout [Profile.Problem], organisationNumber: String
    ) {
        let values = overrides.values(for: organisationNumber)
        problems += values.problems.map { Profile.Problem(code: "override.unreadable", message: $0) }
        if !values.unknownKeys.isEmpty {
            let keys = values.unknownKeys.map { "'\($0.visiblyEscaped)'" }.joined(separator: ", ")
            problems.append(
                Profile.Problem(
                    code: "override.unknown-keys",
                    message: "\(values.jsonPath ?? "the override file") has keys orgprofile does not know, ignored: \(keys); "
                        + "the keys are \(OperatorOverrides.keys.sorted().joined(separator: " and "))"))
        }
        if let svg = values.svg {
            let report = overrides.validate(svg)
            if report.verdict == .accepted {
                let digest = SHA256.hex(svg)
                profile.logo = Profile.Logo(
                    file: store.logoFile(organisationNumber, sha256: digest), sourceURL: nil, foundOn: nil, sha256: digest,
                    foundBy: OperatorOverrides.foundBy, confidence: 1, validation: report, stale: false,
                    retrievedAt: profile.logo.flatMap { $0.sha256 == digest ? $0.retrievedAt : nil } ?? now())
                logoBytes = svg
                problems.removeAll { $0.code.hasPrefix("logo.") }
            } else {
                problems.append(
                    Profile.Problem(
                        code: "override.logo-rejected",
                        message: "the hand-supplied \(values.svgPath ?? "logo") failed SVG validation: "
                            + report.findings.filter { $0.severity == .error }.map(\.code).joined(separator: ", ")))
            }
        }
        if values.email != nil || values.phone != nil {
            // The discoverer's own rules normalise and check hand-typed values.
            let normalised = discoverer.withoutWebsite(registryEmail: values.email, registryPhone: values.phone)
            if let email = normalised.email {
                profile.email = Profile.Email(value: email.value, foundBy: OperatorOverrides.foundBy, foundAt: nil, stale: false)
            } else if let text = values.email {
                problems.append(
                    Profile.Problem(code: "override.email-invalid", message: "the hand-supplied email '\(text)' is not a usable address"))
            }
            if let phone = normalised.phone, let display = phone.display {
                profile.phone = Profile.Phone(
                    e164: phone.value, display: display, foundBy: OperatorOverrides.foundBy, foundAt: nil, stale: false)
            } else if let text = values.phone {
                problems.append(
                    Profile.Problem(
                        code: "override.phone-invalid", message: "the hand-supplied phone '\(text)' is not a Norwegian phone number"))
            }
        }
    }

    private func base(_ record: RegistryRecord, previous: Profile?, status: Profile.Status) -> Profile {
        let registered = record.name ?? previous?.name?.registered ?? ""
        let display =
            previous?.name.flatMap { $0.registered == registered ? $0 : nil }
            ?? Profile.Name(
                registered: registered, display: DisplayName.sentenceCase(registered, placeNames: record.placeNames),
                displaySource: "sentence-case")
        return Profile(
            schemaVersion: Profile.currentSchemaVersion, organisationNumber: record.organisationNumber, status: status,
            name: registered.isEmpty ? nil : display,
            organisationForm: record.organisationForm.map { Profile.CodeAndDescription(code: $0.code, description: $0.description) },
            registryURL: record.selfURL ?? registry.url(for: record.organisationNumber, kind: record.kind),
            website: record.website.map(Self.websiteURL), websiteResolved: previous?.websiteResolved,
            deletedOn: record.deletedOn, logo: nil, email: nil, phone: nil, problems: [], refreshedAt: now())
    }

    private func markStale(_ profile: inout Profile) {
        profile.logo?.stale = true
        profile.email?.stale = true
        profile.phone?.stale = true
    }

    /// `hadProfile`: whether a profile was stored before this refresh, so a failed write says
    /// what is left in the cache directory.
    private func save(_ profile: Profile, logoBytes: Data?, error: String?, result: RefreshOutcome.Result, hadProfile: Bool) async
        -> RefreshOutcome
    {
        do {
            try await store.save(profile, logoBytes: logoBytes)
            return RefreshOutcome(organisationNumber: profile.organisationNumber, result: result, profile: profile, error: error)
        } catch {
            return RefreshOutcome(
                organisationNumber: profile.organisationNumber, result: .storeFailed, profile: nil,
                error: "\(error); "
                    + (hadProfile ? "the last good profile is unchanged" : "no profile was written (there was no earlier profile)"))
        }
    }

    /// `www.digdir.no` → `https://www.digdir.no/` (the register stores no scheme).
    public static func websiteURL(_ hjemmeside: String) -> String {
        var text = hjemmeside.trimmingCharacters(in: .whitespaces)
        if !text.lowercased().hasPrefix("http://") && !text.lowercased().hasPrefix("https://") { text = "https://" + text }
        if let components = URLComponents(string: text), components.path.isEmpty { text += "/" }
        return text
    }

    static let dayFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
