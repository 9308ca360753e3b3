@testable import Discovery

/// HTML bytes → logo candidates, contacts, organisation numbers and links (`PageAnalyser.analyse`,
/// the whole pure pipeline: charset sniffing, libxml2's HTML parser, JSON-LD, ranking, contacts).
enum PageFuzz {
    private static let pageURL = WebAddress("https://www.eksempel.kommune.no/om-oss/")!

    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = [UInt8](input)
        let analysis = analyse(bytes)
        precondition("\(analysis)" == "\(analyse(bytes))", "page analysis is not deterministic")

        var previous = Double.infinity
        for candidate in analysis.logoCandidates {
            precondition(candidate.score.isFinite, "logo score is not a number: \(candidate.score)")
            precondition(candidate.score <= previous, "logo candidates are not ranked best first")
            previous = candidate.score
            precondition(candidate.url != nil || candidate.inlineSVG != nil, "a candidate has neither URL nor inline SVG")
        }
        for phone in analysis.phones {
            PhoneFuzz.checkWellFormed(phone.number)
        }
        for email in analysis.emails {
            precondition(email.address.contains("@"), "email without @: \(email.address)")
            precondition(email.address == email.address.lowercased(), "email not lower-cased: \(email.address)")
        }
        for number in analysis.organisationNumbers {
            OrganisationNumberFuzz.checkWellFormed(number)
        }
    }

    private static func analyse(_ bytes: [UInt8]) -> PageAnalysis {
        PageAnalyser.analyse(
            bytes: bytes, contentType: nil, url: pageURL, organisationName: "Eksempel kommune", pageTextNameHint: true)
    }
}
