// swift-tools-version: 6.1
// Benchmark of the SVG validator against the libxml2 parse it is built on (see scripts/bench-svg).
// A separate package so the main build never compiles it; it builds the validator's own sources
// (symlinked) because the main package exports no library product.
import PackageDescription

let package = Package(
    name: "orgprofile-benchmarks",
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "SVGValidation", dependencies: ["CLibXML2"]),
        .executableTarget(name: "svg-bench", dependencies: ["SVGValidation", "CLibXML2"]),
    ]
)
