import Discovery
import Foundation
import Registry

/// The repository's own test files, found from this source file's path so the suite runs from
/// any working directory. Read once, before any measurement.
enum TestData {
    /// `<repo>/`: this file is `<repo>/Benchmarks/Benchmarks/Stages/TestData.swift`.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Measuring time per benchmark: `ORGPROFILE_BENCH_SECONDS` (whole seconds, default 3).
    static let secondsPerBenchmark: Int =
        ProcessInfo.processInfo.environment["ORGPROFILE_BENCH_SECONDS"]
        .flatMap(Int.init).map { max(1, $0) } ?? 3

    static func bytes(_ url: URL) -> [UInt8] {
        guard let data = try? Data(contentsOf: url) else { fatalError("cannot read \(url.path)") }
        return [UInt8](data)
    }

    static func files(in folder: String, suffix: String) -> [URL] {
        let directory = repository.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            fatalError("cannot list \(directory.path)")
        }
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The SVG corpus's accepted files: real logos of Norwegian public bodies.
    static let acceptedLogos: [[UInt8]] = files(in: "Tests/SVGValidationTests/Corpus/accept", suffix: ".svg").map(bytes)

    /// Every test-web site's saved home page, with the registered name from the labels when the
    /// site is labelled (name matching is part of ranking).
    static let homePages: [SamplePage] = {
        let sites = repository.appendingPathComponent("Tests/TestWeb/sites")
        guard let hosts = try? FileManager.default.contentsOfDirectory(atPath: sites.path) else { fatalError("no test web") }
        var names: [String: String] = [:]
        for label in labels {
            if let website = label.website, let host = URL(string: website)?.host { names[host] = label.registeredName }
        }
        return hosts.sorted().compactMap { host in
            let page = sites.appendingPathComponent(host).appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: page.path) else { return nil }
            return SamplePage(url: "https://\(host)/", bytes: bytes(page), organisationName: names[host])
        }
    }()

    struct Label: Decodable {
        var registeredName: String
        var website: String?
    }

    static let labelFiles: [Data] = ["samples.json", "corpus.json"].map {
        Data(bytes(repository.appendingPathComponent("Tests/TestWeb/\($0)")))
    }
    static let labels: [Label] = labelFiles.flatMap { (try? JSONDecoder().decode([Label].self, from: $0)) ?? [] }

    /// A batch search answer (`GET /enheter?organisasjonsnummer=…&size=N`) of `count` enheter:
    /// the real single-entity fixtures (`Tests/TestWeb/registry/fixtures/enhet-*.json`) repeated
    /// under `count` distinct valid numbers, wrapped the way the register wraps search results.
    static func batchAnswer(count: Int) -> (numbers: [OrganisationNumber], body: Data) {
        let templates: [[String: Any]] = files(in: "Tests/TestWeb/registry/fixtures", suffix: ".json")
            .filter { $0.lastPathComponent.hasPrefix("enhet-") }
            .compactMap { try? JSONSerialization.jsonObject(with: Data(contentsOf: $0)) as? [String: Any] }
            .filter { $0["organisasjonsnummer"] != nil }
        precondition(!templates.isEmpty, "no enhet fixtures")
        var numbers: [OrganisationNumber] = []
        var records: [[String: Any]] = []
        var prefix = 91_000_000
        while numbers.count < count {
            prefix += 1
            let firstEight = String(prefix).compactMap(\.wholeNumberValue)
            guard let check = OrganisationNumber.checkDigit(for: firstEight),
                let number = try? OrganisationNumber(validating: "\(prefix)\(check)")
            else { continue }
            var record = templates[numbers.count % templates.count]
            record["organisasjonsnummer"] = number.digits
            records.append(record)
            numbers.append(number)
        }
        let answer: [String: Any] = [
            "_embedded": ["enheter": records],
            "page": ["size": count, "totalElements": count, "totalPages": 1, "number": 0],
        ]
        return (numbers, try! JSONSerialization.data(withJSONObject: answer))
    }
}
