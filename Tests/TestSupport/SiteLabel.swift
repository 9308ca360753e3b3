import Foundation
import Testing

/// One hand-made label of the test web's corpus (`Tests/TestWeb/samples.json`, `corpus.json`):
/// what a person picked for the organisation before any code ran on its site.
public struct SiteLabel: Decodable, Sendable, CustomTestStringConvertible {
    public struct Logo: Decodable, Sendable {
        public var sourceURL: String?
        public var foundBy: String?

        public init(sourceURL: String?, foundBy: String?) {
            self.sourceURL = sourceURL
            self.foundBy = foundBy
        }
    }
    public struct Phone: Decodable, Sendable {
        public var e164: String
        public var display: String

        public init(e164: String, display: String) {
            self.e164 = e164
            self.display = display
        }
    }

    public var orgnr: String
    public var registeredName: String
    public var displayName: String
    public var website: String?
    public var logo: Logo
    public var email: String?
    public var phone: Phone?
    public var expectProblems: [String]
    public var exercises: String
    public var testDescription: String { "\(orgnr) \(displayName)" }

    /// The labels in one file of `Tests/TestWeb`; none when the file does not exist.
    public static func load(_ file: String) -> [SiteLabel] {
        guard let data = try? Data(contentsOf: TestWeb.testWebDirectory.appendingPathComponent(file)) else { return [] }
        return try! JSONDecoder().decode([SiteLabel].self, from: data)
    }

    /// The 16 sample organisations the demo refreshes.
    public static let samples = load("samples.json")
}
