// swift-tools-version: 6.1
import PackageDescription

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

let package = Package(
    name: "orgprofile",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orgprofile", targets: ["orgprofile"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The HTTP surface of `serve` (issue 12). Only the FullFoundation trait: the
        // swift-configuration support is not used (our configuration has its own sources).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        // HTTPField names beyond Hummingbird's re-exports, and NIO's IOError for a listener that
        // cannot bind (Hummingbird depends on both already).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // OpenSSL's libcrypto (SHA-256); libcurl already links it.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // libpsl: the Public Suffix List; libcurl already links it.
        .systemLibrary(name: "CPSL", pkgConfig: "libpsl", providers: [.apt(["libpsl-dev"])]),
        // librsvg (which brings cairo and GLib): drawing accepted logos.
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // Shared model types with no dependencies: organisation numbers, problem codes.
        .target(name: "OrgModel"),
        // HTTP over libcurl's multi interface; the only module that touches the network.
        .target(name: "CurlHTTP", dependencies: ["CCurl"]),
        // Files written whole (AtomicFile, StoreError), the blocking file-I/O executor, SHA-256.
        .target(name: "FileIO", dependencies: ["CCrypto"]),
        // Conditional requests for website resources: the on-disk HTTP cache around any HTTPFetching.
        .target(name: "HTTPCache", dependencies: ["CurlHTTP", "FileIO"]),
        // Enhetsregisteret: organisation numbers, lookups, tolerant decoding.
        .target(name: "Registry", dependencies: ["OrgModel", "CurlHTTP"]),
        // SVG logo validation with libxml2.
        .target(name: "SVGValidation", dependencies: ["CLibXML2"]),
        // Accepted SVG logos drawn with librsvg: what a person sees, and PNG renditions.
        .target(name: "LogoRendering", dependencies: ["CRSVG", "SVGValidation"]),
        // Website -> logo candidates and contacts.
        .target(name: "Discovery", dependencies: ["OrgModel", "CLibXML2", "CPSL", "CurlHTTP", "SVGValidation", "LogoRendering"]),
        // Profile model, assembly of a refresh, and the cache-directory store.
        .target(
            name: "Profiles", dependencies: ["OrgModel", "FileIO", "Registry", "Discovery", "SVGValidation", "LogoRendering", "CurlHTTP"]),
        // The HTTP surface of `serve`: consumer API, metrics, health, auth, review routes.
        .target(
            name: "HTTPSurface",
            dependencies: [
                "OrgModel", "FileIO", "Profiles",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `orgprofile serve`: configuration, scheduler, update feed, systemd notify protocol.
        .target(
            name: "Daemon",
            dependencies: [
                "OrgModel", "FileIO", "HTTPCache", "Profiles", "Registry", "Discovery", "SVGValidation", "CurlHTTP", "HTTPSurface",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "orgprofile",
            dependencies: [
                "OrgModel", "FileIO", "HTTPCache", "Profiles", "Registry", "Discovery", "SVGValidation", "LogoRendering", "CurlHTTP",
                "Daemon", "HTTPSurface",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "CurlHTTPTests", dependencies: ["CurlHTTP", "TestSupport"]),
        .testTarget(name: "OrgModelTests", dependencies: ["OrgModel"]),
        .testTarget(name: "FileIOTests", dependencies: ["FileIO", "TestSupport"]),
        .testTarget(name: "HTTPCacheTests", dependencies: ["HTTPCache", "CurlHTTP", "TestSupport"]),
        .testTarget(name: "RegistryTests", dependencies: ["Registry", "TestSupport"]),
        .testTarget(
            name: "SVGValidationTests", dependencies: ["SVGValidation", "TestSupport"],
            resources: [.copy("Corpus")]),
        .testTarget(name: "LogoRenderingTests", dependencies: ["LogoRendering", "SVGValidation", "TestSupport"], resources: [.copy("Logos")]),
        .testTarget(name: "DiscoveryTests", dependencies: ["OrgModel", "Discovery", "LogoRendering", "SVGValidation", "TestSupport"]),
        .testTarget(
            name: "ProfilesTests",
            dependencies: ["OrgModel", "FileIO", "Profiles", "Registry", "Discovery", "SVGValidation", "LogoRendering", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
        .testTarget(
            name: "HTTPSurfaceTests",
            dependencies: ["HTTPSurface", "Profiles", "OrgModel", "SVGValidation", "TestSupport", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "OrgModel", "Daemon", "Profiles", "Registry", "CurlHTTP", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ]),
        // Starts the loopback test web (Tests/TestWeb) for tests; not shipped.
        .target(name: "TestSupport", dependencies: ["CurlHTTP", "CCurl"], path: "Tests/TestSupport"),
    ]
)

// libFuzzer targets: svg-fuzz over SVGValidator.validate, parser-fuzz over page analysis,
// JSON-LD, the register's JSON, organisation numbers and phone numbers. libFuzzer supplies
// `main`, so they only link with sanitizer flags; they exist only when scripts/fuzz sets
// ORGPROFILE_FUZZ=1, and plain `swift build` / `swift test` never see them.
if ProcessInfo.processInfo.environment["ORGPROFILE_FUZZ"] == "1" {
    package.targets.append(
        .executableTarget(
            name: "svg-fuzz", dependencies: ["SVGValidation"], path: "Sources/SVGFuzz", exclude: ["svg.dict"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    package.targets.append(
        .executableTarget(
            name: "parser-fuzz", dependencies: ["OrgModel", "Discovery", "Registry", "CurlHTTP"], path: "Sources/ParserFuzz",
            exclude: ["Dictionaries", "Seeds", "lsan-suppressions.txt"], swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
