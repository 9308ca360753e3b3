import Foundation
import SVGValidation

/// Values staff supply by hand, in one directory: `<orgnr>.svg` (a logo) and `<orgnr>.json`
/// (`{"email": "...", "phone": "..."}`, either key optional). They win over discovery, the SVG
/// passes the same validation as a discovered one, and the profile marks them `hand-supplied`.
public struct OperatorOverrides: Sendable {
    /// The keys an `<orgnr>.json` may hold.
    public static let keys: Set<String> = ["email", "phone"]

    public let directory: String
    let validator: SVGValidator

    public init(directory: String, validator: SVGValidator = SVGValidator()) {
        self.directory = directory
        self.validator = validator
    }

    public struct Values: Sendable {
        public var svg: Data?
        public var svgPath: String?
        public var email: String?
        public var phone: String?
        /// A file that exists but cannot be used, as a sentence.
        public var problems: [String] = []
        /// The `<orgnr>.json` file, when there is one.
        public var jsonPath: String?
        /// Keys of `<orgnr>.json` other than `email` and `phone` (a typo such as `epost` must not
        /// pass unnoticed), sorted.
        public var unknownKeys: [String] = []
    }

    public func values(for organisationNumber: String) -> Values {
        var values = Values()
        let svgPath = "\(directory)/\(organisationNumber).svg"
        if FileManager.default.fileExists(atPath: svgPath) {
            if let data = FileManager.default.contents(atPath: svgPath) {
                values.svg = data
                values.svgPath = svgPath
            } else {
                values.problems.append("\(svgPath) cannot be read")
            }
        }
        let jsonPath = "\(directory)/\(organisationNumber).json"
        if FileManager.default.fileExists(atPath: jsonPath) {
            struct Contacts: Decodable {
                var email: String?
                var phone: String?
            }
            if let data = FileManager.default.contents(atPath: jsonPath),
                let contacts = try? JSONDecoder().decode(Contacts.self, from: data)
            {
                values.email = contacts.email
                values.phone = contacts.phone
                values.jsonPath = jsonPath
                let keys = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?.keys.map { $0 } ?? []
                values.unknownKeys = keys.filter { !Self.keys.contains($0) }.sorted()
            } else {
                values.problems.append("\(jsonPath) is not a JSON object like {\"email\": \"...\", \"phone\": \"...\"}")
            }
        }
        return values
    }

    func validate(_ svg: Data) -> SVGReport {
        validator.validate([UInt8](svg))
    }
}
