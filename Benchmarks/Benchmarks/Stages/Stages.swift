import Benchmark
import CLibXML2
import CurlHTTP
import Discovery
import Foundation
import Profiles
import Registry
import SVGValidation

// The hot pure stages of a refresh, each next to a baseline measured in the same run. Names are
// "<stage>/<variant>"; the variant "baseline-…" is the floor the others are divided by
// (scripts/bench-stages prints the ratios). One iteration processes the stage's whole input set.
// Benchmarks/README.md says what each measures and why that baseline.

let benchmarks: @Sendable () -> Void = {
    LibXMLProcess.initialise()
    // The bare parses below should not pay for libxml2's default error printing.
    xmlSetStructuredErrorFunc(nil) { _, _ in }

    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
        // Fixed units so a stage and its baseline are printed on the same scale.
        timeUnits: .microseconds,
        units: [.mallocCountTotal: .count, .throughput: .count, .peakMemoryResident: .mega],
        warmupIterations: 3,
        maxDuration: .seconds(TestData.secondsPerBenchmark),
        maxIterations: 5_000
    )

    // MARK: SVG validation of the corpus's real logos

    let logos = TestData.acceptedLogos
    precondition(logos.count >= 10, "expected the SVG corpus's accepted logos")
    let validator = SVGValidator()
    Benchmark("svg/validate") { benchmark in
        for _ in benchmark.scaledIterations {
            for logo in logos { blackHole(validator.validate(logo)) }
        }
    }
    Benchmark("svg/baseline-xmlReadMemory") { benchmark in
        for _ in benchmark.scaledIterations {
            for logo in logos { blackHole(LibXML2Floor.parseXML(logo)) }
        }
    }

    // MARK: Home-page analysis of the test web's sample pages

    let pages = TestData.homePages
    precondition(pages.count >= 40 && pages.allSatisfy { DiscoveryStage.analyse($0) > 0 }, "expected the test web's home pages")
    Benchmark("page/analyse") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in pages { blackHole(DiscoveryStage.analyse(page)) }
        }
    }
    Benchmark("page/decode+parse") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in pages { blackHole(DiscoveryStage.decodeAndParse(page)) }
        }
    }
    let parsed = pages.map(DiscoveryStage.parse)
    Benchmark("page/logo-candidates") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in parsed { blackHole(DiscoveryStage.logoCandidates(page)) }
        }
    }
    Benchmark("page/baseline-htmlReadMemory") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in pages { blackHole(DiscoveryStage.bareLibXML2Parse(page)) }
        }
    }

    // MARK: Contact extraction on the same pages, already parsed

    let naive = NaiveContactScan()
    Benchmark("contacts/extract") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in parsed { blackHole(DiscoveryStage.extractContacts(page)) }
        }
    }
    Benchmark("contacts/baseline-two-regexes") { benchmark in
        for _ in benchmark.scaledIterations {
            for page in parsed { blackHole(naive.matches(in: page.visibleText)) }
        }
    }

    // MARK: Register batch decoding

    for size in [200, RegistryClient.maxBatchSize] {
        let batch = TestData.batchAnswer(count: size)
        let client = RegistryClient(http: CannedRegister(body: batch.body))
        // setup: the canned answer must decode to one record per number, or the timing is of a failure.
        Benchmark(
            "register-\(size)/batchLookup",
            configuration: .init(setup: {
                let found = try await client.batchLookup(batch.numbers)
                guard found.count == size else { throw StageSetupError("batchLookup decoded \(found.count) of \(size) records") }
            })
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try await client.batchLookup(batch.numbers))
            }
        }
        Benchmark("register-\(size)/baseline-JSONSerialization") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try JSONSerialization.jsonObject(with: batch.body))
            }
        }
    }

    // MARK: Profile JSON encoding

    let logoReport = validator.validate(logos[0])
    let profiles = try! ProfileSamples.profiles(
        labelFiles: TestData.labelFiles, logoReport: logoReport, refreshedAt: Date(timeIntervalSince1970: 1_795_000_000))
    let profileObjects = profiles.map { try! JSONSerialization.jsonObject(with: Profile.encoder().encode($0)) }
    Benchmark("profile/encode") { benchmark in
        for _ in benchmark.scaledIterations {
            // As ProfileStore.save does: a new encoder per profile.
            for profile in profiles { blackHole(try Profile.encoder().encode(profile)) }
        }
    }
    // The floor for the same values: Codable with JSONEncoder's defaults (compact, unsorted keys,
    // dates as numbers), so the ratio is the price of the on-disk conventions.
    Benchmark("profile/baseline-JSONEncoder-defaults") { benchmark in
        for _ in benchmark.scaledIterations {
            for profile in profiles { blackHole(try JSONEncoder().encode(profile)) }
        }
    }
    // Reference, not a floor: Foundation's other writer on the same document trees with the same
    // conventions. Slower than Codable on Linux; kept so nobody "optimises" towards it.
    Benchmark("profile/JSONSerialization-same-trees") { benchmark in
        for _ in benchmark.scaledIterations {
            for object in profileObjects {
                blackHole(
                    try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            }
        }
    }
}
