import Foundation
import OrgModel
import SVGValidation

// Compiled into the benchmark copy of the Profiles module (next to the symlinked sources), so it
// can use Profile's internal memberwise initialiser. Nothing here is in the shipped module.

/// Realistic profiles for the encoding benchmark, one per hand-labelled organisation of the test
/// web (`Tests/TestWeb/samples.json`, `corpus.json`): names, website, logo, email and phone as a
/// successful refresh would store them.
public enum ProfileSamples {
    private struct Label: Decodable {
        struct Logo: Decodable {
            var sourceURL: String?
            var foundBy: String?
        }
        struct Phone: Decodable {
            var e164: String
            var display: String
        }
        var orgnr: String
        var registeredName: String
        var displayName: String
        var website: String?
        var logo: Logo
        var email: String?
        var phone: Phone?
        var expectProblems: [String]
    }

    /// `labelFiles`: the contents of the label files. `logoReport`: the validation report stored
    /// with every logo (a real report of a real logo, so the nested findings are realistic).
    public static func profiles(labelFiles: [Data], logoReport: SVGReport, refreshedAt: Date) throws -> [Profile] {
        try labelFiles.flatMap { try JSONDecoder().decode([Label].self, from: $0) }.map { label in
            let logo = label.logo.sourceURL.map { url in
                Profile.Logo(
                    file: "logos/\(label.orgnr)-0123456789abcdef.svg", sourceURL: url, foundOn: label.website,
                    sha256: String(repeating: "ab", count: 32), foundBy: label.logo.foundBy.map(SourceCode.init(rawValue:)) ?? .headerHomeLink,
                    confidence: 0.9, validation: logoReport, stale: false, retrievedAt: refreshedAt)
            }
            return Profile(
                schemaVersion: Profile.currentSchemaVersion, organisationNumber: label.orgnr, status: .active,
                name: Profile.Name(registered: label.registeredName, display: label.displayName, displaySource: "json-ld"),
                organisationForm: Profile.CodeAndDescription(code: "ORGL", description: "Organisasjonsledd"),
                registryURL: "https://data.brreg.no/enhetsregisteret/api/enheter/\(label.orgnr)",
                website: label.website, websiteResolved: label.website, deletedOn: nil, logo: logo,
                email: label.email.map { Profile.Email(value: $0, foundBy: .mailto, foundAt: label.website, stale: false) },
                phone: label.phone.map {
                    Profile.Phone(e164: $0.e164, display: $0.display, foundBy: .tel, foundAt: label.website, stale: false)
                },
                problems: label.expectProblems.map {
                    Profile.Problem(code: ProblemCode(rawValue: $0), message: "\($0) (sample problem text)")
                },
                refreshedAt: refreshedAt)
        }
    }
}
