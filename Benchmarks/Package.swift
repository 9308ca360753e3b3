// swift-tools-version: 6.1
// Benchmarks of orgprofile's pure, CPU-bound stages (scripts/bench-stages, scripts/bench-svg), and
// the refresh pipeline as one program for valgrind (scripts/bench-callgrind).
// A separate package so the main build and CI never compile it. It builds the main package's own
// sources through symlinks (the main package exports no library product):
//   - Sources/CCurl, CLibXML2, CCrypto, CPSL, CRSVG, OrgModel, FileIO, CurlHTTP, HTTPCache, Registry, SVGValidation,
//     LogoRendering, Daemon link to the whole target folders;
//   - Sources/DiscoveryStage and Sources/ProfilesStage hold a link to Sources/Discovery (Profiles)
//     plus one file of public entry points, compiled into the same module so they reach internal
//     stages (PageAnalyser, ContactExtractor, Profile's memberwise init) without `@testable`.
import PackageDescription

let package = Package(
    name: "orgprofile-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // The main package's own dependencies, for the Daemon module (refresh-bench).
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPSL", pkgConfig: "libpsl", providers: [.apt(["libpsl-dev"])]),
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .target(name: "OrgModel"),
        .target(name: "FileIO", dependencies: ["CCrypto"]),
        .target(name: "CurlHTTP", dependencies: ["CCurl"]),
        .target(name: "HTTPCache", dependencies: ["CurlHTTP", "FileIO"]),
        .target(name: "Registry", dependencies: ["OrgModel", "CurlHTTP"]),
        .target(name: "SVGValidation", dependencies: ["CLibXML2"]),
        .target(name: "LogoRendering", dependencies: ["CRSVG", "SVGValidation"]),
        .target(name: "Discovery", dependencies: ["OrgModel", "CLibXML2", "CPSL", "CurlHTTP", "SVGValidation", "LogoRendering"], path: "Sources/DiscoveryStage"),
        .target(
            name: "Profiles", dependencies: ["OrgModel", "FileIO", "Registry", "Discovery", "SVGValidation", "LogoRendering", "CurlHTTP"],
            path: "Sources/ProfilesStage"),
        .target(
            name: "Daemon",
            dependencies: [
                "OrgModel", "FileIO", "HTTPCache", "Profiles", "Registry", "Discovery", "SVGValidation", "CurlHTTP",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // One `orgprofile refresh --force` through the library code the command uses, with a
        // synchronous main so that valgrind can run it (scripts/bench-callgrind).
        .executableTarget(
            name: "refresh-bench", dependencies: ["OrgModel", "Daemon", "Profiles", "Registry", "CurlHTTP", "SVGValidation"]),
        // Old single-purpose timer kept for scripts/bench-svg (validator vs xmllint --noout).
        .executableTarget(name: "svg-bench", dependencies: ["SVGValidation", "CLibXML2"]),
        // Timer behind scripts/bench-render (LogoRenderer and rendition writing vs rsvg-convert).
        .executableTarget(name: "render-bench", dependencies: ["LogoRendering", "FileIO"]),
        // The package-benchmark suite; the plugin finds it under Benchmarks/Stages.
        .executableTarget(
            name: "Stages",
            dependencies: [
                "CLibXML2", "SVGValidation", "Discovery", "Registry", "Profiles", "CurlHTTP",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Stages",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
