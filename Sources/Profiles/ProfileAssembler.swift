import Discovery
import FileIO
import Foundation
import LogoRendering
import OrgModel
import Registry
import SVGValidation

/// What one refresh decided: the profile to write (nil: write nothing), the logo bytes to write
/// before it, and how the refresh ended. A plain value; `ProfileStore.save(_:)` writes it.
public struct ProfileAssembly: Sendable {
    public var organisationNumber: String
    public var result: RefreshOutcome.Result
    public var profile: Profile?
    /// The logo file `profile.logo.file` names, when this refresh produced its bytes.
    public var logoBytes: Data?
    /// The raster file `profile.logoRasterFallback.file` names, when this refresh produced its bytes.
    public var rasterFallbackBytes: Data? = nil
    /// The Tiny PS copy `profile.logo.tinyPS.file` names, when this refresh made one.
    public var tinyPSBytes: Data? = nil
    /// Files drawn or fetched for the logo besides its SVG, by relative path: the PNG renditions
    /// `profile.logo.renditions` names, and the symbol's SVG and renditions (`profile.logo.symbol`).
    public var renditionBytes: [String: Data] = [:]
    /// One sentence when the refresh did not fully succeed.
    public var error: String?
    /// Whether a profile was stored before this refresh, so a failed write says what is left.
    public var hadProfile: Bool
}

/// Assembles a profile from plain values: the previous profile, the register's answer, what
/// discovery found and the hand-supplied overrides, at `now`. Never replaces a good value with
/// nothing: what the latest run could not find is kept from the previous profile, marked stale.
/// Pure apart from validating a hand-supplied SVG and rendering a logo no one rendered yet (both
/// in memory).
public struct ProfileAssembler: Sendable {
    /// Enhetsregisteret's API base, for `registryURL` when the record has no self link.
    public let registryBaseURL: String
    let validator: SVGValidator
    let renderer: LogoRenderer

    public init(registryBaseURL: String, validator: SVGValidator = SVGValidator(), renderer: LogoRenderer = LogoRenderer()) {
        self.registryBaseURL = registryBaseURL
        self.validator = validator
        self.renderer = renderer
    }

    /// `register` is the register's answer or why there is none; `discovery` what the website gave
    /// for an active record (nil for the other answers). `renderings` are logos the caller already
    /// rendered (with `LogoRenderer.renditionHeights`), by the SHA-256 of their bytes; any other
    /// logo that becomes the profile's is rendered here, unless the previous profile has the same
    /// bytes rendered.
    /// `approvals` are the values staff pinned (`ReviewStore`): a refresh that finds something
    /// else keeps them and names the field in `changedSinceApproval`; hand-supplied values still win.
    public func assemble(
        _ orgnr: String, previous: Profile?, register: Result<RegistryLookup, RegistryError>, discovery: DiscoveryResult?,
        overrides: OperatorOverrides.Values?, now: Date, renderings: [String: RenderResult] = [:], approvals: ReviewApprovals? = nil
    ) -> ProfileAssembly {
        var assembly = assembleUnpinned(
            orgnr, previous: previous, register: register, discovery: discovery, overrides: overrides, now: now, renderings: renderings,
            approvals: approvals)
        if var profile = assembly.profile {
            if profile.status == .removed {
                profile.approved = nil
                profile.changedSinceApproval = nil
            } else {
                profile.approved = approvals.flatMap { $0.isEmpty ? nil : $0 }
                if profile.approved == nil { profile.changedSinceApproval = nil }
            }
            assembly.profile = profile
        }
        return assembly
    }

    private func assembleUnpinned(
        _ orgnr: String, previous: Profile?, register: Result<RegistryLookup, RegistryError>, discovery: DiscoveryResult?,
        overrides: OperatorOverrides.Values?, now: Date, renderings: [String: RenderResult], approvals: ReviewApprovals?
    ) -> ProfileAssembly {
        let lookup: RegistryLookup
        switch register {
        case .success(let answer): lookup = answer
        case .failure(let error):
            guard var kept = previous else {
                return ProfileAssembly(
                    organisationNumber: orgnr, result: .registryFailed, profile: nil, error: error.description, hadProfile: false)
            }
            markStale(&kept)
            kept.problems = [
                Profile.Problem(
                    code: .registryUnreachable,
                    message:
                        "\(error.description); the values from \(kept.refreshedAt.formatted(Self.dayFormat)) are kept and marked stale"
                )
            ]
            return ProfileAssembly(
                organisationNumber: orgnr, result: .registryFailed, profile: kept, error: error.description, hadProfile: true)
        }

        switch lookup {
        case .notFound:
            if var kept = previous {
                kept.status = .unknown
                markStale(&kept)
                kept.problems = [
                    Profile.Problem(
                        code: .registryNotFound,
                        message: "the register no longer knows \(orgnr); earlier values are kept and marked stale")
                ]
                return ProfileAssembly(
                    organisationNumber: orgnr, result: .notFound, profile: kept,
                    error: "\(orgnr) is not in Enhetsregisteret (neither as enhet nor as underenhet)", hadProfile: true)
            }
            return ProfileAssembly(
                organisationNumber: orgnr, result: .notFound, profile: nil,
                error: "\(orgnr) is not in Enhetsregisteret (neither as enhet nor as underenhet); check the number", hadProfile: false)
        case .removed(_, let removedOn):
            let tombstone = Profile(
                schemaVersion: Profile.currentSchemaVersion, organisationNumber: orgnr, status: .removed, name: nil,
                organisationForm: nil, registryURL: registryURL(orgnr, kind: .enhet), website: nil, websiteResolved: nil,
                deletedOn: removedOn, logo: nil, email: nil, phone: nil,
                problems: [
                    Profile.Problem(
                        code: .registryRemoved,
                        message: "removed from the register's open data for legal reasons (HTTP 410); all cached values were purged")
                ],
                refreshedAt: now)
            return ProfileAssembly(
                organisationNumber: orgnr, result: .removed, profile: tombstone, error: nil, hadProfile: previous != nil)
        case .deleted(let record):
            var profile = base(record, previous: previous, status: .deleted, now: now)
            profile.logo = previous?.logo
            profile.logoRasterFallback = previous?.logo == nil ? previous?.logoRasterFallback : nil
            profile.email = previous?.email
            profile.phone = previous?.phone
            profile.changedSinceApproval = previous?.changedSinceApproval
            markStale(&profile)
            profile.problems = [
                Profile.Problem(
                    code: .registryDeleted,
                    message: "deleted in the register on \(record.deletedOn ?? "an unknown date"); the website is no longer checked")
            ]
            return ProfileAssembly(
                organisationNumber: orgnr, result: .written, profile: profile, error: nil, hadProfile: previous != nil)
        case .active(let record):
            return active(
                record, previous: previous, discovery: discovery ?? Self.nothingDiscovered, overrides: overrides, now: now,
                renderings: renderings, approvals: approvals)
        }
    }

    /// What an active record without a discovery result gets: the problem says the site was not read.
    static let nothingDiscovered = DiscoveryResult(
        documentURL: nil, candidates: [], logo: nil, emails: [], phones: [], nameHints: [],
        problems: [DiscoveryProblem(code: .siteUnreachable, message: "the website was not read")])

    private func active(
        _ record: RegistryRecord, previous: Profile?, discovery result: DiscoveryResult, overrides: OperatorOverrides.Values?,
        now: Date, renderings: [String: RenderResult], approvals: ReviewApprovals?
    ) -> ProfileAssembly {
        var profile = base(record, previous: previous, status: .active, now: now)
        var problems: [Profile.Problem] = []
        var logoBytes: Data?
        var renditionBytes: [String: Data] = [:]
        if record.website != nil { profile.websiteResolved = result.documentURL }
        problems += result.problems.map { Profile.Problem(code: $0.code, message: $0.message) }
        if let name = profile.name {
            let chosen = DisplayName.choose(registered: name.registered, hints: result.nameHints, placeNames: record.placeNames)
            let short = DisplayName.shortName(
                registered: name.registered, display: chosen.display, hints: result.nameHints,
                website: result.documentURL ?? record.website)
            profile.name = Profile.Name(
                registered: name.registered, display: chosen.display, displaySource: chosen.source,
                short: short?.short, shortSource: short?.source)
        }
        let registryURL = registryURL(record.organisationNumber, kind: record.kind)

        // Logo: the new accepted SVG that renders visibly, else the last good one (stale), else nothing.
        var drawn: LogoDrawing?
        if let chosen = result.logo, let svg = chosen.svg, let report = chosen.validation, report.verdict == .accepted {
            let digest = SHA256.hex(svg)
            drawn = look(
                svg, organisationNumber: record.organisationNumber, sha256: digest, previous: previous?.logo, renderings: renderings)
            if case .usable(let look) = drawn {
                var logo = Profile.Logo(
                    file: Self.logoFile(record.organisationNumber, sha256: digest),
                    sourceURL: chosen.candidate.url ?? result.documentURL,
                    foundOn: chosen.candidate.source == .wikidata ? nil : result.documentURL, sha256: digest,
                    foundBy: chosen.candidate.source.sourceCode,
                    confidence: min(1, max(0, chosen.confidence ?? 0)), validation: report, stale: false,
                    retrievedAt: previous?.logo.flatMap { $0.sha256 == digest ? $0.retrievedAt : nil } ?? now)
                look.apply(to: &logo)
                renditionBytes = look.renditionBytes
                if let found = result.symbol,
                    let symbol = symbol(
                        found, organisationNumber: record.organisationNumber, previous: previous?.logo?.symbol, renderings: renderings)
                {
                    logo.symbol = symbol.symbol
                    renditionBytes.merge(symbol.bytes) { new, _ in new }
                }
                profile.logo = logo
                logoBytes = svg
            } else if case .unusable(let rendering) = drawn {
                problems.append(
                    Profile.Problem(
                        code: .logoRenderRejected,
                        message: "the chosen logo (\(chosen.candidate.source.rawValue) "
                            + "\(chosen.candidate.url ?? chosen.candidate.element)) was not used: "
                            + rendering.findings.map { $0.message }.joined(separator: "; ")))
            }
        }
        if case .usable = drawn {
        } else if var kept = previous?.logo {
            kept.stale = true
            profile.logo = kept
            problems.append(
                Profile.Problem(
                    code: .logoKeptStale,
                    message:
                        "no acceptable logo was found this time; the logo from \(kept.retrievedAt.formatted(Self.dayFormat)) is kept")
            )
        }

        if let email = result.email {
            profile.email = Profile.Email(
                value: email.value, foundBy: email.foundBy,
                foundAt: email.foundAt ?? (email.foundBy == .registry ? registryURL : nil), stale: false)
        } else if var kept = previous?.email {
            kept.stale = true
            profile.email = kept
        }
        if let phone = result.phone, let display = phone.display {
            profile.phone = Profile.Phone(
                e164: phone.value, display: display, foundBy: phone.foundBy,
                foundAt: phone.foundAt ?? (phone.foundBy == .registry ? registryURL : nil), stale: false)
        } else if var kept = previous?.phone {
            kept.stale = true
            profile.phone = kept
        }
        // Approved values stay while the site shows others; hand-supplied values (next) still win.
        let changed =
            approvals.map {
                pin($0, previous: previous, profile: &profile, logoBytes: &logoBytes, renditionBytes: &renditionBytes, problems: &problems)
            } ?? []
        if let overrides {
            apply(
                overrides, to: &profile, logoBytes: &logoBytes, renditionBytes: &renditionBytes, problems: &problems, now: now,
                previous: previous?.logo, renderings: renderings)
        }
        profile.changedSinceApproval = changed.isEmpty ? nil : changed.map(\.rawValue)
        // Discovery says so when it looked for a variant; a logo from elsewhere (by hand, an
        // older discovery record) gets the sentence here.
        if let logo = profile.logo, !logo.stale, logo.theme == .light, !problems.contains(where: { $0.code == .logoLightOnly }) {
            problems.append(
                Profile.Problem(
                    code: .logoLightOnly,
                    message: "the logo (\(logo.sourceURL ?? logo.foundBy.rawValue)) is light marks made for dark backgrounds "
                        + "and cannot be seen on white: ask the organisation for its logo for light backgrounds, or supply one by hand"))
        }
        // The Tiny PS copy of a logo whose bytes this refresh has; a kept (stale) logo keeps its copy,
        // and so does an unchanged one: the logo's file is named by its content, so the same file
        // and the same title make the same copy (remaking it was a tenth of a warm refresh).
        var tinyPSBytes: Data?
        let title = profile.name?.display ?? profile.name?.registered
        if logoBytes != nil, let file = profile.logo?.file, let kept = previous?.logo, kept.file == file, let copy = kept.tinyPS,
            (previous?.name?.display ?? previous?.name?.registered) == title
        {
            profile.logo?.tinyPS = copy
        } else if let bytes = logoBytes, let file = profile.logo?.file {
            let copy = TinyPSCopy.make([UInt8](bytes), title: title)
            tinyPSBytes = copy.bytes.map { Data($0) }
            profile.logo?.tinyPS = Profile.TinyPS(
                file: copy.bytes == nil ? nil : ProfileStore(root: "").tinyPSFile(forLogo: file), sha256: tinyPSBytes.map(SHA256.hex),
                fixes: copy.fixes, blockers: copy.blockers)
        }
        let rasterFallbackBytes = rasterFallback(result, previous: previous, into: &profile, now: now)
        profile.problems = problems
        return ProfileAssembly(
            organisationNumber: record.organisationNumber, result: .written, profile: profile, logoBytes: logoBytes,
            rasterFallbackBytes: rasterFallbackBytes, tinyPSBytes: tinyPSBytes, renditionBytes: renditionBytes, error: nil,
            hadProfile: previous != nil)
    }

    /// Only while the profile has no SVG logo (new, kept stale or hand-supplied): the raster
    /// discovery kept, else the last one (stale). Returns the bytes to write for a new one.
    private func rasterFallback(_ result: DiscoveryResult, previous: Profile?, into profile: inout Profile, now: Date) -> Data? {
        guard profile.logo == nil else {
            profile.logoRasterFallback = nil
            return nil
        }
        guard let raster = result.rasterFallback else {
            profile.logoRasterFallback = previous?.logoRasterFallback
            profile.logoRasterFallback?.stale = true
            return nil
        }
        let digest = SHA256.hex(raster.bytes)
        profile.logoRasterFallback = Profile.RasterFallback(
            file: ProfileStore(root: "").rasterFallbackFile(
                profile.organisationNumber, sha256: digest, fileExtension: raster.format.fileExtension),
            sourceURL: raster.url, foundOn: result.documentURL, foundBy: raster.foundBy.sourceCode, format: raster.format.rawValue,
            width: raster.width, height: raster.height, byteCount: raster.bytes.count, sha256: digest, stale: false,
            retrievedAt: previous?.logoRasterFallback.flatMap { $0.sha256 == digest ? $0.retrievedAt : nil } ?? now)
        return raster.bytes
    }

    /// What a logo looks like and its renditions: the caller's rendering of these bytes, else the
    /// previous profile's when it had the same bytes rendered (its files are on disk), else a
    /// rendering made now; `.unusable` when the rendering says the logo cannot be shown.
    private func look(
        _ svg: Data, organisationNumber: String, sha256: String, previous: Profile.Logo?, renderings: [String: RenderResult]
    ) -> LogoDrawing {
        if renderings[sha256] == nil, let previous, previous.sha256 == sha256, let rendering = previous.rendering,
            let renditions = previous.renditions
        {
            return .usable(
                LogoLook(
                    kind: previous.kind, theme: previous.theme, brandColours: previous.brandColours, rendering: rendering,
                    renditions: renditions, renditionBytes: [:]))
        }
        let result = renderings[sha256] ?? renderer.renderBlocking([UInt8](svg), renditionHeights: LogoRenderer.renditionHeights)
        let report = result.report
        guard report.isUsable, let canvas = report.canvas, let box = report.trimmedBox, let aspect = report.aspectRatio,
            let measures = report.measures
        else { return .unusable(report) }
        var renditions: [Profile.Logo.Rendition] = []
        var bytes: [String: Data] = [:]
        for rendition in result.renditions {
            let file = ProfileStore(root: "").renditionFile(organisationNumber, sha256: sha256, height: rendition.height)
            renditions.append(Profile.Logo.Rendition(file: file, format: "png", width: rendition.width, height: rendition.height))
            bytes[file] = Data(rendition.png)
        }
        return .usable(
            LogoLook(
                kind: report.kind, theme: report.theme, brandColours: report.brandColours,
                rendering: Profile.Logo.Rendering(
                    canvas: canvas, trimmedBox: box, aspectRatio: aspect, measures: measures, findings: report.findings),
                renditions: renditions, renditionBytes: bytes))
    }

    /// The symbol discovery kept beside the wordmark, with its file and renditions; nil when it is
    /// not an accepted SVG or does not render usably.
    private func symbol(
        _ found: EvaluatedLogoCandidate, organisationNumber: String, previous: Profile.Logo.Symbol?, renderings: [String: RenderResult]
    ) -> (symbol: Profile.Logo.Symbol, bytes: [String: Data])? {
        guard let svg = found.svg, found.validation?.verdict == .accepted else { return nil }
        let digest = SHA256.hex(svg)
        if renderings[digest] == nil, let previous, previous.sha256 == digest, previous.renditions != nil {
            return (previous, [:])
        }
        let result = renderings[digest] ?? renderer.renderBlocking([UInt8](svg), renditionHeights: LogoRenderer.renditionHeights)
        guard result.report.isUsable else { return nil }
        let store = ProfileStore(root: "")
        var bytes: [String: Data] = [:]
        let file = store.logoFile(organisationNumber, sha256: digest)
        bytes[file] = svg
        var renditions: [Profile.Logo.Rendition] = []
        for rendition in result.renditions {
            let name = store.renditionFile(organisationNumber, sha256: digest, height: rendition.height)
            renditions.append(Profile.Logo.Rendition(file: name, format: "png", width: rendition.width, height: rendition.height))
            bytes[name] = Data(rendition.png)
        }
        let symbol = Profile.Logo.Symbol(
            file: file, sourceURL: found.candidate.url, sha256: digest, foundBy: found.candidate.source.sourceCode,
            kind: result.report.kind, theme: result.report.theme, brandColours: result.report.brandColours, renditions: renditions)
        return (symbol, bytes)
    }

    private func apply(
        _ values: OperatorOverrides.Values, to profile: inout Profile, logoBytes: inout Data?, renditionBytes: inout [String: Data],
        problems: inout [Profile.Problem], now: Date, previous: Profile.Logo?, renderings: [String: RenderResult]
    ) {
        let organisationNumber = profile.organisationNumber
        problems += values.problems.map { Profile.Problem(code: .overrideUnreadable, message: $0) }
        if !values.unknownKeys.isEmpty {
            let keys = values.unknownKeys.map { "'\($0.visiblyEscaped)'" }.joined(separator: ", ")
            problems.append(
                Profile.Problem(
                    code: .overrideUnknownKeys,
                    message: "\(values.jsonPath ?? "the override file") has keys orgprofile does not know, ignored: \(keys); "
                        + "the keys are \(OperatorOverrides.keys.sorted().joined(separator: " and "))"))
        }
        if let svg = values.svg {
            let report = validator.validate([UInt8](svg))
            let digest = SHA256.hex(svg)
            let drawn =
                report.verdict == .accepted
                ? look(svg, organisationNumber: organisationNumber, sha256: digest, previous: previous, renderings: renderings) : nil
            if case .usable(let look) = drawn {
                var logo = Profile.Logo(
                    file: Self.logoFile(organisationNumber, sha256: digest), sourceURL: nil, foundOn: nil, sha256: digest,
                    foundBy: .handSupplied, confidence: 1, validation: report, stale: false,
                    retrievedAt: profile.logo.flatMap { $0.sha256 == digest ? $0.retrievedAt : nil } ?? now)
                look.apply(to: &logo)
                profile.logo = logo
                logoBytes = svg
                renditionBytes = look.renditionBytes
                problems.removeAll { $0.code.rawValue.hasPrefix("logo.") }
            } else if case .unusable(let rendering) = drawn {
                problems.append(
                    Profile.Problem(
                        code: .overrideLogoRejected,
                        message: "the hand-supplied \(values.svgPath ?? "logo") cannot be shown: "
                            + rendering.findings.map { $0.message }.joined(separator: "; ")))
            } else {
                problems.append(
                    Profile.Problem(
                        code: .overrideLogoRejected,
                        message: "the hand-supplied \(values.svgPath ?? "logo") failed SVG validation: "
                            + report.findings.filter { $0.severity == .error }.map(\.code).joined(separator: ", ")))
            }
        }
        if values.email != nil || values.phone != nil {
            // Discovery's own rules normalise and check hand-typed values.
            let normalised = SiteDiscoverer.withoutWebsite(registryEmail: values.email, registryPhone: values.phone)
            if let email = normalised.email {
                profile.email = Profile.Email(value: email.value, foundBy: .handSupplied, foundAt: nil, stale: false)
            } else if let text = values.email {
                problems.append(
                    Profile.Problem(code: .overrideEmailInvalid, message: "the hand-supplied email '\(text)' is not a usable address"))
            }
            if let phone = normalised.phone, let display = phone.display {
                profile.phone = Profile.Phone(
                    e164: phone.value, display: display, foundBy: .handSupplied, foundAt: nil, stale: false)
            } else if let text = values.phone {
                problems.append(
                    Profile.Problem(
                        code: .overridePhoneInvalid, message: "the hand-supplied phone '\(text)' is not a Norwegian phone number"))
            }
        }
    }

    private func base(_ record: RegistryRecord, previous: Profile?, status: Profile.Status, now: Date) -> Profile {
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
            registryURL: record.selfURL ?? registryURL(record.organisationNumber, kind: record.kind),
            website: record.website.map(Self.websiteURL), websiteResolved: previous?.websiteResolved,
            deletedOn: record.deletedOn, logo: nil, email: nil, phone: nil, problems: [], refreshedAt: now)
    }

    private func registryURL(_ digits: String, kind: RegistryRecord.Kind) -> String {
        RegistryClient.url(base: registryBaseURL, digits: digits, kind: kind)
    }

    private func markStale(_ profile: inout Profile) {
        profile.logo?.stale = true
        profile.logoRasterFallback?.stale = true
        profile.email?.stale = true
        profile.phone?.stale = true
    }

    /// Relative path a logo with these bytes is stored under (what `ProfileStore.logoFile` names).
    static func logoFile(_ organisationNumber: String, sha256: String) -> String {
        ProfileStore(root: "").logoFile(organisationNumber, sha256: sha256)
    }

    /// `www.digdir.no` → `https://www.digdir.no/` (the register stores no scheme).
    public static func websiteURL(_ hjemmeside: String) -> String {
        var text = hjemmeside.trimmingCharacters(in: .whitespaces)
        if !text.lowercased().hasPrefix("http://") && !text.lowercased().hasPrefix("https://") { text = "https://" + text }
        if let components = URLComponents(string: text), components.path.isEmpty { text += "/" }
        return text
    }

    /// `2023-11-14` (UTC).
    static let dayFormat = Date.ISO8601FormatStyle().year().month().day()
}

extension ProfileStore {
    /// The save step of a refresh: the logo file first, then the profile (both atomically,
    /// under the store's lock). A failed write says whether an earlier profile is still there.
    public func save(_ assembly: ProfileAssembly) async -> RefreshOutcome {
        guard let profile = assembly.profile else {
            return RefreshOutcome(
                organisationNumber: assembly.organisationNumber, result: assembly.result, profile: nil, error: assembly.error)
        }
        do {
            try await save(
                profile, logoBytes: assembly.logoBytes, rasterFallbackBytes: assembly.rasterFallbackBytes,
                tinyPSBytes: assembly.tinyPSBytes, renditionBytes: assembly.renditionBytes)
            return RefreshOutcome(
                organisationNumber: profile.organisationNumber, result: assembly.result, profile: profile, error: assembly.error)
        } catch {
            return RefreshOutcome(
                organisationNumber: profile.organisationNumber, result: .storeFailed, profile: nil,
                error: "\(error); "
                    + (assembly.hadProfile
                        ? "the last good profile is unchanged" : "no profile was written (there was no earlier profile)"))
        }
    }
}

/// A logo drawn: usable, with what it looks like, or not, with the rendering's report.
enum LogoDrawing {
    case usable(LogoLook)
    case unusable(RenderReport)
}

/// What rendering told about a logo, ready to be put on `Profile.Logo`.
struct LogoLook {
    var kind: LogoKind?
    var theme: LogoTheme?
    var brandColours: [String]?
    var rendering: Profile.Logo.Rendering
    var renditions: [Profile.Logo.Rendition]
    /// PNGs drawn now, by relative path; empty when the previous profile's files are reused.
    var renditionBytes: [String: Data]

    func apply(to logo: inout Profile.Logo) {
        logo.kind = kind
        logo.theme = theme
        logo.brandColours = brandColours
        logo.rendering = rendering
        logo.renditions = renditions
    }
}
