import Foundation
import TestSupport

/// A second test web (the same `Tests/TestWeb/testweb.py`, started with `--root`) serving a
/// generated register and one small website per organisation, for tests that need many
/// organisations or a register and update feed they can change while the daemon runs.
/// testweb.py reads fixture files on every request, so rewriting one changes what is served.
final class SyntheticWeb: @unchecked Sendable {
    let root: URL
    let numbers: [String]
    private(set) var httpPort = 0
    private(set) var httpsPort = 0
    private(set) var caFile = ""
    private var process: Process?
    private var stdinPipe: Pipe?

    /// Organisation numbers with a valid mod-11 check digit, `91xxxxxxx`.
    static func organisationNumbers(_ count: Int) -> [String] {
        var out: [String] = []
        var body = 91_000_000
        let weights = [3, 2, 7, 6, 5, 4, 3, 2]
        while out.count < count {
            body += 1
            let digits = String(body).compactMap { $0.wholeNumberValue }
            let remainder = zip(digits, weights).map(*).reduce(0, +) % 11
            let check = remainder == 0 ? 0 : 11 - remainder
            if check == 10 { continue }
            out.append(String(body) + String(check))
        }
        return out
    }

    static func host(_ number: String) -> String { "www.org\(number).test" }

    init(organisations count: Int) throws {
        root = Scratch.url.appendingPathComponent("orgprofile-synthetic-\(UUID().uuidString)")
        numbers = Self.organisationNumbers(count)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("registry/fixtures"), withIntermediateDirectories: true)
        var routes: [String: [String: Any]] = [:]
        for (index, number) in numbers.enumerated() {
            try writeRecord(number, name: "SYNTETISK ETAT \(index + 1)")
            routes["enheter/\(number)"] = ["file": "fixtures/enhet-\(number).json", "status": 200]
            let site = root.appendingPathComponent("sites/\(Self.host(number))")
            try fileManager.createDirectory(at: site, withIntermediateDirectories: true)
            let phone = String(format: "22 %02d %02d %02d", (index / 10_000) % 100, (index / 100) % 100, index % 100)
            let html = """
                <!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Syntetisk etat \(index + 1)</title></head>
                <body><header><a href="/" class="logo"><img src="/logo.svg" alt="Syntetisk etat \(index + 1)"></a></header>
                <main><h1>Syntetisk etat \(index + 1)</h1></main>
                <footer><p>Kontakt oss: <a href="mailto:postmottak@org\(number).test">postmottak@org\(number).test</a>,
                telefon <a href="tel:+47\(phone.replacingOccurrences(of: " ", with: ""))">\(phone)</a></p></footer></body></html>
                """
            try Data(html.utf8).write(to: site.appendingPathComponent("index.html"))
            let hue = index * 37 % 360
            let svg = """
                <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40"><title>Syntetisk etat \(index + 1)</title>\
                <rect x="2" y="2" width="36" height="36" rx="6" fill="hsl(\(hue),60%,40%)"/><path d="M50 10h60v6H50zM50 24h40v6H50z" fill="#222"/></svg>
                """
            try Data(svg.utf8).write(to: site.appendingPathComponent("logo.svg"))
        }
        let routesData = try JSONSerialization.data(withJSONObject: routes, options: [.sortedKeys])
        try routesData.write(to: root.appendingPathComponent("registry/routes.json"))
        try writeFeed([(id: 100, number: "999999999", change: "Endring")])
        try writeFeed([(id: 100, number: "999999999", change: "Endring")], underenheter: true)
        let empty =
            #"{"_links":{"self":{"href":"https://data.brreg.no/enhetsregisteret/api/oppdateringer/enheter"}},"page":{"size":20,"totalElements":0,"totalPages":0,"number":0}}"#
        try Data(empty.utf8).write(to: root.appendingPathComponent("registry/fixtures/oppdateringer-enheter-empty.json"))
    }

    func writeRecord(_ number: String, name: String, parent: String? = nil, deletedOn: String? = nil) throws {
        var record: [String: Any] = [
            "organisasjonsnummer": number, "navn": name,
            "organisasjonsform": ["kode": "ORGL", "beskrivelse": "Organisasjonsledd"],
            "hjemmeside": Self.host(number),
            "_links": ["self": ["href": "https://data.brreg.no/enhetsregisteret/api/enheter/\(number)"]],
        ]
        if let parent { record["overordnetEnhet"] = parent }
        if let deletedOn { record["slettedato"] = deletedOn }
        let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        try write(data, to: "registry/fixtures/enhet-\(number).json")
    }

    /// Replaces the served update-feed page of enheter (or of underenheter).
    func writeFeed(_ entries: [(id: Int, number: String, change: String)], underenheter: Bool = false) throws {
        let items = entries.map { entry -> [String: Any] in
            [
                "oppdateringsid": entry.id, "organisasjonsnummer": entry.number, "endringstype": entry.change,
                "dato": "2026-11-24T00:00:00.000Z",
                "_links": [
                    underenheter ? "underenhet" : "enhet": [
                        "href": "https://data.brreg.no/enhetsregisteret/api/\(underenheter ? "underenheter" : "enheter")/\(entry.number)"
                    ]
                ],
            ]
        }
        let page: [String: Any] = [
            "_embedded": [underenheter ? "oppdaterteUnderenheter" : "oppdaterteEnheter": items], "_links": [:] as [String: Any],
            "page": ["size": 10000, "totalElements": items.count, "totalPages": 1, "number": 0],
        ]
        let file = underenheter ? "oppdateringer-underenheter-page-anonymised.json" : "oppdateringer-enheter-page-2020-10-05.json"
        try write(try JSONSerialization.data(withJSONObject: page), to: "registry/fixtures/\(file)")
    }

    /// Replaces the served enheter update-feed page with bytes that are not JSON: the register
    /// answering nonsense, without the HTTP client's retries of a 5xx.
    func breakFeed() throws {
        try write(Data("<html>maintenance</html>".utf8), to: "registry/fixtures/oppdateringer-enheter-page-2020-10-05.json")
    }

    /// Makes `path` of the organisation's website answer `milliseconds` late.
    func slowDown(_ number: String, path: String, milliseconds: Int) throws {
        try write(Data(#"{"delays": {"\#(path)": \#(milliseconds)}}"#.utf8), to: "sites/\(Self.host(number))/_config.json")
    }

    /// Atomically, so the server never reads half a file.
    private func write(_ data: Data, to relative: String) throws {
        let target = root.appendingPathComponent(relative)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".tmp-\(UUID().uuidString)")
        try data.write(to: temporary)
        _ = rename(temporary.path, target.path)
    }

    func start() async throws {
        try await offCooperativePool { try self.startBlocking() }
    }

    private func startBlocking() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", TestWeb.testWebDirectory.appendingPathComponent("testweb.py").path,
            "--root", root.path, "--log", root.appendingPathComponent("testweb.log").path,
        ]
        let stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        try process.run()
        var line = Data()
        while true {
            let byte = stdoutPipe.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty {
                throw CocoaError(
                    .fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the synthetic test web exited before it was ready"])
            }
            if byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        struct Ready: Decodable {
            var http_port: Int
            var https_port: Int
            var ca_file: String
        }
        let ready = try JSONDecoder().decode(Ready.self, from: line)
        httpPort = ready.http_port
        httpsPort = ready.https_port
        caFile = ready.ca_file
        self.process = process
        self.stdinPipe = stdinPipe
    }

    /// Request lines the server logged so far (`GET https://host/path?query STATUS`).
    var requestLog: [String] {
        let text = (try? String(contentsOf: root.appendingPathComponent("testweb.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    var operatorArguments: [String] {
        [
            "--connect-to", ":80:127.0.0.1:\(httpPort)", "--connect-to", ":443:127.0.0.1:\(httpsPort)",
            "--cacert", caFile, "--allow-address-range", "127.0.0.0/8",
        ]
    }

    func stop() async {
        await (try? offCooperativePool { self.stopBlocking() }) ?? ()
    }

    func stopBlocking() {
        try? stdinPipe?.fileHandleForWriting.close()
        process?.waitUntilExit()
        try? FileManager.default.removeItem(at: root)
    }
}
