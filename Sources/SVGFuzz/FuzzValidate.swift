import SVGValidation

// libFuzzer entry point: every input goes through the full validator. Built only with
// `swift build -c debug -Xswiftc -sanitize=fuzzer,address --product svg-fuzz` (see scripts/fuzz-svg);
// libFuzzer supplies `main`, so a plain build of this product would not link.
//
// Besides "no crash, no leak, no hang", each run checks facts that must hold for any input:
// the verdict follows from the findings, the report is bounded, validation is deterministic,
// the tiny-ps profile is never laxer, and a repair never changes the verdict.
private let validator = SVGValidator()
private let strict = SVGValidator(limits: .default, profile: .tinyPS)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let report = validator.validate(bytes)
    let hasError = report.findings.contains { $0.severity == .error }
    precondition((report.verdict == .rejected) == hasError, "verdict disagrees with findings")
    precondition(report.findings.count <= 101, "report not bounded")
    precondition(report == validator.validate(bytes), "validation is not deterministic")
    // The strict profile may only add errors, never accept what the default rejects.
    let strictReport = strict.validate(bytes)
    if report.verdict == .rejected {
        precondition(strictReport.verdict == .rejected, "tiny-ps profile accepted a rejected file")
    }
    // Repair never rescues a rejected file, and never breaks an accepted one.
    let repair = SVGRepair.repair(bytes, validator: validator)
    precondition(repair.original == report, "repair reported a different original verdict")
    if let copyReport = repair.repairedReport {
        precondition(copyReport.verdict == report.verdict, "repair changed the verdict")
        precondition(copyReport.tinyPS == nil || report.tinyPS != nil, "repair made an unreadable file readable")
    } else if report.verdict == .accepted {
        preconditionFailure("an accepted file could not be repaired")
    }
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

@_cdecl("svg_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzValidate(data, size) }
}
