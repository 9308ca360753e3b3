import Foundation

/// What orgprofile takes from a register entry (an enhet or an underenhet), decoded tolerantly:
/// unknown keys are ignored and almost every key may be absent, as register bodies vary by era.
public struct RegistryRecord: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case enhet, underenhet }

    public struct CodeAndDescription: Sendable, Codable, Equatable {
        public var code: String
        public var description: String?
    }

    public var organisationNumber: String
    public var kind: Kind
    /// The registered (legal) name, as the register holds it (often in capitals).
    public var name: String?
    public var organisationForm: CodeAndDescription?
    public var sectorCode: CodeAndDescription?
    /// `hjemmeside` as registered: usually a bare host without scheme.
    public var website: String?
    public var email: String?
    public var phone: String?
    public var mobile: String?
    /// `slettedato`: present when the entity is deleted.
    public var deletedOn: String?
    public var parent: String?
    /// `_links.self.href`: where the record came from.
    public var selfURL: String?
    /// Post towns and municipalities of the record's addresses (`BRØNNØYSUND`, `BRØNNØY`): proper
    /// nouns that a display name keeps capitalised.
    public var placeNames: [String] = []
}

/// The raw register JSON, only the keys we read, each optional and of the type the register uses.
struct RegisterBody: Decodable {
    struct Code: Decodable {
        var kode: String?
        var beskrivelse: String?
    }
    struct Link: Decodable { var href: String? }
    struct Address: Decodable {
        var poststed: String?
        var kommune: String?
    }
    struct Links: Decodable {
        var `self`: Link?
    }

    var organisasjonsnummer: String?
    var navn: String?
    var organisasjonsform: Code?
    var institusjonellSektorkode: Code?
    var hjemmeside: String?
    var epostadresse: String?
    var telefon: String?
    var mobil: String?
    var slettedato: String?
    var overordnetEnhet: String?
    var forretningsadresse: Address?
    var postadresse: Address?
    var beliggenhetsadresse: Address?
    var _links: Links?

    func record(kind: RegistryRecord.Kind, fallbackNumber: String) -> RegistryRecord {
        func code(_ value: Code?) -> RegistryRecord.CodeAndDescription? {
            guard let kode = value?.kode else { return nil }
            return .init(code: kode, description: value?.beskrivelse)
        }
        func clean(_ text: String?) -> String? {
            guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        return RegistryRecord(
            organisationNumber: organisasjonsnummer ?? fallbackNumber, kind: kind, name: clean(navn),
            organisationForm: code(organisasjonsform), sectorCode: code(institusjonellSektorkode),
            website: clean(hjemmeside), email: clean(epostadresse), phone: clean(telefon), mobile: clean(mobil),
            deletedOn: clean(slettedato), parent: clean(overordnetEnhet), selfURL: _links?.`self`?.href,
            placeNames: placeNames)
    }

    private var placeNames: [String] {
        var names: [String] = []
        for address in [forretningsadresse, beliggenhetsadresse, postadresse] {
            for name in [address?.poststed, address?.kommune].compactMap({ $0?.trimmingCharacters(in: .whitespaces) })
            where !name.isEmpty && !names.contains(name) {
                names.append(name)
            }
        }
        return names
    }
}
