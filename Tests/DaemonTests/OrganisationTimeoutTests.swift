import Daemon
import Discovery
import Foundation
import TestSupport
import Testing

extension DaemonProcessTests {
    /// `organisation-timeout`: a site whose logo files and contact pages all hang holds a refresh
    /// slot for at most that long; the refresh ends with what it found and says `site.timeout`.
    @Suite struct OrganisationTimeoutTests {
        /// Every logo file and contact page of the site answers only after a minute; the home page
        /// (with the email) answers at once.
        static func stallingSite(_ web: SyntheticWeb) throws -> (number: String, site: URL) {
            let number = web.numbers[0]
            let site = web.root.appendingPathComponent("sites/\(SyntheticWeb.host(number))")
            let html = """
                <!DOCTYPE html><html lang="nb"><head><meta charset="utf-8"><title>Syntetisk etat 1</title>
                <link rel="icon" type="image/svg+xml" href="/icon.svg"></head>
                <body><header><a href="/" class="logo"><img src="/logo.svg" alt="Syntetisk etat 1"></a></header>
                <nav><a href="/kontakt-oss/">Kontakt oss</a> <a href="/om-oss/kontakt/">Kontakt</a> <a href="/contact/">Contact</a></nav>
                <main><h1>Syntetisk etat 1</h1></main>
                <footer><p>Skriv til <a href="mailto:postmottak@org\(number).test">postmottak@org\(number).test</a></p></footer>
                </body></html>
                """
            try Data(html.utf8).write(to: site.appendingPathComponent("index.html"))
            try Data(try Data(contentsOf: site.appendingPathComponent("logo.svg"))).write(to: site.appendingPathComponent("icon.svg"))
            for page in ["kontakt-oss", "om-oss/kontakt", "contact"] {
                let directory = site.appendingPathComponent(page)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data("<html><body><p>Telefon 22 33 44 55</p></body></html>".utf8).write(
                    to: directory.appendingPathComponent("index.html"))
            }
            return (number, site)
        }

        static func stall(_ site: URL) throws {
            let paths = ["/logo.svg", "/icon.svg", "/favicon.svg", "/favicon.ico", "/kontakt-oss/", "/om-oss/kontakt/", "/contact/"]
            let delays = Dictionary(uniqueKeysWithValues: paths.map { ($0, 60_000) })
            let config = try JSONSerialization.data(withJSONObject: ["delays": delays])
            try config.write(to: site.appendingPathComponent("_config.json"))
        }

        static func profile(_ cache: String, _ number: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(cache)/profiles/\(number).json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        static func problemCodes(_ profile: [String: Any]) -> [String] {
            (profile["problems"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        }

        @Test func refreshEndsAtTheOrganisationTimeoutWithWhatItFound() async throws {
            let web = try SyntheticWeb(organisations: 1)
            let (number, site) = try Self.stallingSite(web)
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("deadline-cache")
            let arguments = ["refresh", "--cache-dir", cache, "--max-time", "20", number] + web.operatorArguments
            let environment = ["ORGPROFILE_ORGANISATION_TIMEOUT": "2", "ORGPROFILE_WIKIDATA": "false"]

            // A healthy first refresh: logo and phone (from the contact page) are found.
            let first = try await BuiltBinary.run(arguments, environment: environment, timeoutSeconds: 60)
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            let before = try Self.profile(cache, number)
            #expect((before["logo"] as? [String: Any])?["stale"] as? Bool == false, "\(first.stdout)")
            #expect((before["phone"] as? [String: Any])?["e164"] as? String == "+4722334455", "\(first.stdout)")

            // Now every logo file and contact page hangs for a minute.
            try Self.stall(site)
            let started = ContinuousClock.now
            let second = try await BuiltBinary.run(arguments, environment: environment, timeoutSeconds: 60)
            let elapsed = ContinuousClock.now - started
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(elapsed < .seconds(12), "took \(elapsed) with organisation-timeout 2 s")
            let after = try Self.profile(cache, number)
            let codes = Self.problemCodes(after)
            #expect(codes.contains("site.timeout"), "\(codes)")
            #expect(second.stdout.contains("site.timeout"), "\(second.stdout)")
            // What the home page gave is used, fresh; what the stalled requests would have given is kept, stale.
            let email = after["email"] as? [String: Any]
            #expect(email?["value"] as? String == "postmottak@org\(number).test")
            #expect(email?["stale"] as? Bool == false)
            #expect((after["logo"] as? [String: Any])?["stale"] as? Bool == true)
            #expect((after["phone"] as? [String: Any])?["stale"] as? Bool == true)
            #expect(codes.contains("logo.kept-stale"), "\(codes)")
        }

        @Test func serveAppliesTheOrganisationTimeoutFromTheConfigFile() async throws {
            let web = try SyntheticWeb(organisations: 1)
            let (number, site) = try Self.stallingSite(web)
            try Self.stall(site)
            try await web.start()
            defer { web.stopBlocking() }
            let cache = temporaryDirectory("deadline-serve-cache")
            let config = temporaryDirectory("deadline-serve-config") + "/config.json"
            try Data(#"{"feed": false, "wikidata": false, "max-time": 20, "organisation-timeout": 2}"#.utf8).write(
                to: URL(fileURLWithPath: config))
            let started = ContinuousClock.now
            let daemon = try RunningBinary(
                ["serve", "--config", config, "--cache-dir", cache, "--state-dir", temporaryDirectory("deadline-serve-state"), number]
                    + web.operatorArguments, executable: BuiltBinary.path, environment: [:])
            defer { daemon.stopNow() }
            let written = await eventually(timeout: 40) {
                FileManager.default.fileExists(atPath: "\(cache)/profiles/\(number).json")
            }
            let elapsed = ContinuousClock.now - started
            #expect(written, "output: \(daemon.text)")
            #expect(elapsed < .seconds(15), "took \(elapsed) with organisation-timeout 2 s")
            let profile = try Self.profile(cache, number)
            #expect(Self.problemCodes(profile).contains("site.timeout"), "\(Self.problemCodes(profile))")
            #expect((profile["email"] as? [String: Any])?["value"] as? String == "postmottak@org\(number).test")
            #expect(await daemon.stop() == 0)
        }
    }
}

/// `organisation-timeout` is read like the other timeouts: file, environment, flag, range-checked.
@Suite struct OrganisationTimeoutConfigurationTests {
    func load(_ json: String, flags: [String: ConfigurationSources.FlagValue] = [:], environment: [String: String] = [:]) throws
        -> DaemonConfiguration
    {
        let path = temporaryDirectory("deadline-config") + "/config.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return try DaemonConfiguration.load(ConfigurationSources(flags: flags, environment: environment, filePath: path))
    }

    @Test func defaultFileEnvironmentAndFlag() throws {
        #expect(try load("{}").discoveryOptions.organisationTimeout == .seconds(90))
        #expect(try load(#"{"organisation-timeout": 2.5}"#).discoveryOptions.organisationTimeout == .milliseconds(2500))
        let environment = ["ORGPROFILE_ORGANISATION_TIMEOUT": "30"]
        #expect(try load(#"{"organisation-timeout": 2}"#, environment: environment).organisationTimeout == 30)
        #expect(
            try load(#"{"organisation-timeout": 2}"#, flags: ["organisation-timeout": .number(5)], environment: environment)
                .organisationTimeout == 5)
    }

    @Test(arguments: [#"{"organisation-timeout": 0}"#, #"{"organisation-timeout": "soon"}"#, #"{"organisation-timeout": 100000}"#])
    func badValuesNameTheKey(_ json: String) throws {
        do {
            _ = try load(json)
            Issue.record("\(json) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "organisation-timeout", "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}
