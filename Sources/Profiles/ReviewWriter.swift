import Discovery
import FileIO
import Foundation
import LogoRendering
import OrgModel
import SVGValidation

/// The review page's writes, without HTTP: approve (pin) a value, supply a logo or contact values
/// by hand, record that the agency was asked. Each checks everything before it writes anything,
/// writes its files atomically and appends one line to the audit log.
public struct ReviewWriter: Sendable {
    public let profiles: ProfileStore
    public let reviews: ReviewStore
    public let audit: ReviewAuditLog
    /// `overrides-dir`; nil: supply is refused with the key to set.
    public let overridesDirectory: String?
    let validator: SVGValidator
    let renderer: LogoRenderer

    /// The largest logo accepted: the validator's own size cap.
    public var maximumLogoBytes: Int { validator.limits.maxBytes }
    /// The longest note to an "asked" record, in characters.
    public static let maximumNoteLength = 2000

    public init(
        cacheDirectory: String, stateDirectory: String, overridesDirectory: String?, validator: SVGValidator = SVGValidator(),
        renderer: LogoRenderer = LogoRenderer()
    ) {
        profiles = ProfileStore(root: cacheDirectory)
        reviews = ReviewStore(stateDirectory: stateDirectory)
        audit = ReviewAuditLog(stateDirectory: stateDirectory)
        self.overridesDirectory = overridesDirectory
        self.validator = validator
        self.renderer = renderer
    }

    /// The organisation number as typed, checked (9 digits, mod-11).
    public static func organisationNumber(_ text: String) throws(ReviewError) -> String {
        do {
            return try OrganisationNumber(validating: text).digits
        } catch {
            throw ReviewError(.badInput, error.description)
        }
    }

    /// Pins the profile's current value of `field`: later refreshes keep it while they find
    /// something else. The profile shows the approval at once.
    @discardableResult
    public func approve(_ orgnr: String, field: ReviewField, by actor: String, at now: Date) throws(ReviewError) -> ReviewApproval {
        let orgnr = try Self.organisationNumber(orgnr)
        let profile: Profile
        do {
            guard let stored = try profiles.load(orgnr) else {
                throw ReviewError(.notFound, "there is no profile for \(orgnr) yet; refresh it before approving its values")
            }
            profile = stored
        } catch let error as ReviewError {
            throw error
        } catch {
            throw .store(error as! StoreError)
        }
        guard let key = profile.approvalKey(field) else {
            throw ReviewError(.badInput, "the profile of \(orgnr) has no \(field.rawValue) to approve; supply one instead")
        }
        let approval =
            field == .logo ? ReviewApproval(sha256: key, at: now, by: actor) : ReviewApproval(value: key, at: now, by: actor)
        let state = try reviews.update(orgnr) { state throws(ReviewError) in state.approved[field] = approval }
        do {
            try profiles.setApprovals(orgnr, state.approved, changed: { $0.filter { $0 != field.rawValue } })
            try audit.append(
                ReviewAuditEntry(
                    at: now, by: actor, action: "approve", orgnr: orgnr, field: field.rawValue,
                    value: approval.value, sha256: approval.sha256))
        } catch {
            throw .store(error)
        }
        return approval
    }

    /// What `supply` wrote.
    public struct Supplied: Sendable, Equatable {
        public var fields: [ReviewField]
        /// Absolute paths of the files written.
        public var files: [String]
    }

    /// Writes a hand-supplied logo (`<overrides-dir>/<orgnr>.svg`) and/or email and phone (merged
    /// into `<overrides-dir>/<orgnr>.json`). The logo must pass the same validation and rendering
    /// a discovered or hand-placed logo must; nothing is written when any value is refused. A
    /// supplied field's approval is withdrawn: the supplied value is the newer decision. The
    /// caller refreshes the organisation so its profile shows the values.
    @discardableResult
    public func supply(_ orgnr: String, logo: Data?, email: String?, phone: String?, by actor: String, at now: Date)
        throws(ReviewError) -> Supplied
    {
        let orgnr = try Self.organisationNumber(orgnr)
        guard let overridesDirectory else {
            throw ReviewError(
                .notConfigured,
                "supplying values needs an overrides directory: set the config key overrides-dir (flag --overrides-dir) and restart")
        }
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines).nilWhenEmpty
        let phone = phone?.trimmingCharacters(in: .whitespacesAndNewlines).nilWhenEmpty
        let logo = logo.flatMap { $0.isEmpty ? nil : $0 }
        guard logo != nil || email != nil || phone != nil else {
            throw ReviewError(.badInput, "nothing to supply: choose a logo file or fill in an email or a phone")
        }
        if let logo { try checkLogo(logo) }
        let contacts = SiteDiscoverer.withoutWebsite(registryEmail: email, registryPhone: phone)
        var values: [String: String] = [:]
        if let email {
            guard let address = contacts.email?.value else {
                throw ReviewError(.badInput, "'\(email.visiblyEscaped)' is not a usable email address (like postmottak@etat.no)")
            }
            values["email"] = address
        }
        if let phone {
            guard let number = contacts.phone?.value else {
                throw ReviewError(
                    .badInput, "'\(phone.visiblyEscaped)' is not a Norwegian phone number (8 digits, optionally after +47)")
            }
            values["phone"] = number
        }

        var files: [String] = []
        var fields: [ReviewField] = []
        do {
            try AtomicFile.makeDirectory(overridesDirectory)
            if let logo {
                let path = "\(overridesDirectory)/\(orgnr).svg"
                try AtomicFile.write(logo, to: path)
                files.append(path)
                fields.append(.logo)
            }
            if !values.isEmpty {
                let path = "\(overridesDirectory)/\(orgnr).json"
                try AtomicFile.write(try Self.merged(values, into: path), to: path)
                files.append(path)
                fields += [ReviewField.email, .phone].filter { values[$0.rawValue] != nil }
            }
        } catch let error as ReviewError {
            throw error
        } catch {
            throw .store(error as! StoreError)
        }
        if fields.contains(where: { (try? reviews.load(orgnr))?.approved[$0] != nil }) {
            try reviews.update(orgnr) { state throws(ReviewError) in
                for field in fields { state.approved[field] = nil }
            }
        }
        do {
            try audit.append(
                ReviewAuditEntry(
                    at: now, by: actor, action: "supply", orgnr: orgnr, field: fields.map(\.rawValue).joined(separator: ","),
                    value: [values["email"], values["phone"]].compactMap { $0 }.joined(separator: ",").nilWhenEmpty,
                    sha256: logo.map(SHA256.hex), files: files))
        } catch {
            throw .store(error)
        }
        return Supplied(fields: fields, files: files)
    }

    /// Records that the agency was asked (for a logo, usually) on `date` (`YYYY-MM-DD`).
    @discardableResult
    public func recordAsked(_ orgnr: String, date: String, note: String, by actor: String, at now: Date) throws(ReviewError)
        -> ReviewAsked
    {
        let orgnr = try Self.organisationNumber(orgnr)
        let date = date.trimmingCharacters(in: .whitespaces)
        guard Self.isCalendarDay(date) else {
            throw ReviewError(.badInput, "'\(date.visiblyEscaped)' is not a date: write the day the agency was asked as YYYY-MM-DD")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= Self.maximumNoteLength else {
            throw ReviewError(.badInput, "the note is \(note.count) characters long; keep it under \(Self.maximumNoteLength)")
        }
        let asked = ReviewAsked(date: date, note: note, by: actor, at: now)
        try reviews.update(orgnr) { state throws(ReviewError) in state.asked.append(asked) }
        do {
            try audit.append(ReviewAuditEntry(at: now, by: actor, action: "asked", orgnr: orgnr, date: date, note: note))
        } catch {
            throw .store(error)
        }
        return asked
    }

    /// Refuses a logo that a refresh would refuse: the validator's errors, or a drawing that
    /// cannot be seen, each as a sentence.
    func checkLogo(_ svg: Data) throws(ReviewError) {
        guard svg.count <= maximumLogoBytes else {
            throw ReviewError(.badInput, "the logo is \(svg.count) bytes; the most accepted is \(maximumLogoBytes) bytes")
        }
        let report = validator.validate([UInt8](svg))
        guard report.verdict == .accepted else {
            throw ReviewError(
                .badInput, "the logo was rejected by the SVG validator",
                findings: Self.sentences(report.findings.filter { $0.severity == .error }))
        }
        let rendering = renderer.render([UInt8](svg))
        guard rendering.isUsable else {
            throw ReviewError(
                .badInput, "the logo is valid SVG but cannot be shown",
                findings: Self.sentences(rendering.findings.filter { $0.severity == .error }))
        }
    }

    /// `line 3: a script element can run code (security.script)`.
    static func sentences(_ findings: [SVGFinding]) -> [String] {
        findings.map { finding in
            (finding.line.map { "line \($0): " } ?? "") + "\(finding.message) (\(finding.code))"
        }
    }

    /// The override file's object with `values` set, other keys kept; a file that is not a JSON
    /// object is refused rather than replaced.
    static func merged(_ values: [String: String], into path: String) throws(ReviewError) -> Data {
        var object: [String: Any] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            guard let existing = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ReviewError(.store, "\(path) is not a JSON object; fix or remove it, then supply again")
            }
            object = existing
        }
        for (key, value) in values { object[key] = value }
        do {
            return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                + Data("\n".utf8)
        } catch {
            throw ReviewError(.store, "could not encode \(path): \(error)")
        }
    }

    /// `YYYY-MM-DD` naming a real day.
    static func isCalendarDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components) else { return false }
        let back = calendar.dateComponents([.year, .month, .day], from: date)
        return back.year == year && back.month == month && back.day == day
    }
}

extension String {
    var nilWhenEmpty: String? { isEmpty ? nil : self }
}
