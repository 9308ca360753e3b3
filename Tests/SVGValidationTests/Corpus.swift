import Foundation

/// Files under `Corpus/` (a copied resource): `accept/` real logos, `reject/` hostile files with
/// `reject/expected.json` naming the finding codes each must produce.
enum Corpus {
    static let root: URL = Bundle.module.url(forResource: "Corpus", withExtension: nil)!

    struct Expectation: Decodable {
        let codes: [String]
    }

    /// Names of the test files in a folder (everything but README and JSON), sorted.
    static func files(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return names.filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name)))
    }

    static func expectations() throws -> [String: Expectation] {
        let data = try Data(contentsOf: root.appendingPathComponent("reject/expected.json"))
        return try JSONDecoder().decode([String: Expectation].self, from: data)
    }
}
