import Foundation

// libFuzzer driver for the parsers that read what websites and the register send. One binary,
// several targets: ORGPROFILE_FUZZ_TARGET names the one to run (scripts/fuzz sets it). Built only
// with `ORGPROFILE_FUZZ=1 swift build -c debug -Xswiftc -sanitize=fuzzer,address --product parser-fuzz`;
// libFuzzer supplies the driver, so a plain build of this product would not link.
//
// Each target checks "no crash, no leak, no hang" plus facts that must hold for any input
// (deterministic results, well-formed numbers); a broken fact stops the run with a precondition.

/// The targets, by the name scripts/fuzz passes.
let fuzzTargets: [String: @Sendable (UnsafeRawBufferPointer) -> Void] = [
    "page": PageFuzz.run,
    "jsonld": JSONLDFuzz.run,
    "registry": RegistryFuzz.run,
    "orgnr": OrganisationNumberFuzz.run,
    "phone": PhoneFuzz.run,
    "raster": RasterFuzz.run,
]

/// Chosen once in `main`, before libFuzzer starts calling back (on the main thread only).
nonisolated(unsafe) private var selectedTarget: (UnsafeRawBufferPointer) -> Void = { _ in }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget(UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size))
    return 0
}

// SwiftPM links executables with `main` aliased to `<module>_main`, so libFuzzer's own `main` is
// never pulled in; this entry point hands control to libFuzzer's driver instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

@_cdecl("parser_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["ORGPROFILE_FUZZ_TARGET"] ?? ""
    guard let target = fuzzTargets[name] else {
        let known = fuzzTargets.keys.sorted().joined(separator: ", ")
        FileHandle.standardError.write(Data("parser-fuzz: set ORGPROFILE_FUZZ_TARGET to one of: \(known)\n".utf8))
        return 64
    }
    selectedTarget = target
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
