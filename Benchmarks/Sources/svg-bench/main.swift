import CLibXML2
import Foundation
import SVGValidation

// svg-bench ROUNDS FILE...
// Times ROUNDS rounds of (a) read each file + SVGValidator.validate and (b) read each file + the
// bare libxml2 parse that xmllint --noout does (xmlReadMemory, default options, then free), in
// the same process, alternating, so both see the same machine state. Prints the median per round.
// scripts/bench-svg adds the real `xmllint --noout --repeat` on the same files.
let arguments = CommandLine.arguments.dropFirst()
guard let rounds = arguments.first.flatMap(Int.init), rounds > 0, arguments.count > 1 else {
    FileHandle.standardError.write(Data("usage: svg-bench ROUNDS FILE...\n".utf8))
    exit(2)
}
let paths = Array(arguments.dropFirst())
func read(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes += chunk[0..<count]
    }
    return bytes
}
let inputs = paths.map(read)
LibXMLProcess.initialise()
// xmllint prints errors; the floor should not pay for that, so silence them the same way.
xmlSetStructuredErrorFunc(nil) { _, _ in }

let validator = SVGValidator()
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var validateTimes: [Double] = []
var parseTimes: [Double] = []
var rejected = 0
for round in 0..<rounds {
    var start = now()
    for path in paths {
        let report = validator.validate(read(path))
        if round == 0 && report.verdict == .rejected { rejected += 1 }
    }
    validateTimes.append(now() - start)

    start = now()
    for path in paths {
        let bytes = read(path)
        if bytes.isEmpty { continue }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                if let doc = xmlReadMemory(chars, Int32(buffer.count), "logo.svg", nil, Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)) {
                    xmlFreeDoc(doc)
                }
            }
        }
    }
    parseTimes.append(now() - start)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
let validate = median(validateTimes)
let parse = median(parseTimes)
print("files: \(inputs.count) (\(inputs.map(\.count).reduce(0, +)) bytes, \(rejected) rejected), rounds: \(rounds)")
print(String(format: "read + validate (median per round): %.3f ms", validate * 1000))
print(String(format: "read + libxml2 parse in-process (median per round): %.3f ms", parse * 1000))
print(String(format: "ratio validate / in-process parse: %.2f", validate / parse))
print(String(format: "validate_ms_per_round=%.4f", validate * 1000))
