import CurlHTTP
import Daemon
import Foundation
import Registry
import TestSupport
import Testing

struct ConfigurationTests {
    func file(_ json: String) throws -> String {
        let path = temporaryDirectory("config") + "/config.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func load(_ json: String, flags: [String: ConfigurationSources.FlagValue] = [:], environment: [String: String] = [:]) throws
        -> DaemonConfiguration
    {
        try DaemonConfiguration.load(ConfigurationSources(flags: flags, environment: environment, filePath: try file(json)))
    }

    func error(_ json: String, environment: [String: String] = [:]) throws -> ConfigurationError? {
        do {
            _ = try load(json, environment: environment)
            return nil
        } catch let error as ConfigurationError {
            return error
        }
    }

    @Test func theShippedExampleLoads() throws {
        let path = TestWeb.repositoryRoot.appendingPathComponent("config/config.example.json").path
        let configuration = try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: path))
        #expect(configuration.organisations.map(\.digits) == ["991825827", "974760673"])
        #expect(
            configuration.organisationQueries == [["organisasjonsform": "STAT,ORGL,KOMM,FYLK"], ["institusjonellSektorkode": "6100,6500"]])
        #expect(configuration.refreshInterval == 86_400 && configuration.refreshJitter == 7_200)
        #expect(configuration.overridesDirectory == "/etc/orgprofile/overrides")
        #expect(configuration.http.caFile == nil && configuration.http.proxy == nil)
    }

    @Test func everyKeyOfTheExampleIsDocumented() throws {
        let readme = try String(contentsOf: TestWeb.repositoryRoot.appendingPathComponent("config/README.md"), encoding: .utf8)
        for key in DaemonConfiguration.keys {
            #expect(readme.contains("| `\(key)` |"), "config/README.md does not document \(key)")
        }
    }

    @Test func defaultsComeFromSystemdDirectories() throws {
        let configuration = try DaemonConfiguration.load(
            ConfigurationSources(
                environment: ["CACHE_DIRECTORY": "/var/cache/orgprofile:/other", "STATE_DIRECTORY": "/var/lib/orgprofile"],
                filePath: try file("{}")))
        #expect(configuration.cacheDirectory == "/var/cache/orgprofile")
        #expect(configuration.stateDirectory == "/var/lib/orgprofile")
        #expect(configuration.concurrency == 8 && configuration.refreshJitter == 8_640 && configuration.followFeed)
    }

    @Test func aFlagOverridesTheEnvironmentWhichOverridesTheFile() throws {
        let json = #"{"concurrency": 3, "connect-to": ["a:1:b:2"], "feed": true, "cache-dir": "/file"}"#
        let fromFile = try load(json)
        #expect(fromFile.concurrency == 3 && fromFile.cacheDirectory == "/file")
        let fromEnvironment = try load(
            json,
            environment: [
                "ORGPROFILE_CONCURRENCY": "5", "ORGPROFILE_FEED": "no",
                "ORGPROFILE_CONNECT_TO": "x:1:y:2, z:3:w:4",
            ])
        #expect(fromEnvironment.concurrency == 5 && !fromEnvironment.followFeed)
        #expect(fromEnvironment.http.connectTo == ["x:1:y:2", "z:3:w:4"])
        let fromFlag = try load(
            json, flags: ["concurrency": .number(7), "cache-dir": .text("/flag")], environment: ["ORGPROFILE_CONCURRENCY": "5"])
        #expect(fromFlag.concurrency == 7 && fromFlag.cacheDirectory == "/flag")
    }

    @Test func httpCacheSizeAndWhetherTheStateDirectoryWasChosen() throws {
        let defaults = try load("{}")
        #expect(defaults.httpCacheMegabytes == 2048 && !defaults.stateDirectoryConfigured)
        #expect(try load("{}", environment: ["STATE_DIRECTORY": "/var/lib/orgprofile"]).stateDirectoryConfigured)
        #expect(try load("{}", environment: ["ORGPROFILE_STATE_DIR": "/srv/state"]).stateDirectoryConfigured)
        #expect(try load(#"{"http-cache-size": 64}"#, environment: ["ORGPROFILE_HTTP_CACHE_SIZE": "0"]).httpCacheMegabytes == 0)
        #expect(try load(#"{"http-cache-size": 64}"#).httpCacheMegabytes == 64)
        let negative = try error(#"{"http-cache-size": -1}"#)
        #expect(negative?.key == "http-cache-size")
    }

    @Test func aMissingDefaultFileIsNoErrorButAMissingNamedOneIs() throws {
        var sources = ConfigurationSources(environment: [:])
        sources.filePath = "/nonexistent/orgprofile/config.json"
        #expect(throws: Never.self) { try DaemonConfiguration.load(sources) }
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: "/nonexistent/x.json"))
        }
    }

    @Test(arguments: [
        (#"{"concurrency": "many"}"#, "concurrency", "expected a number"),
        (#"{"concurrency": 0}"#, "concurrency", "0 is outside 1...256"),
        (#"{"concurrency": 2.5}"#, "concurrency", "whole number"),
        (#"{"feed": 1}"#, "feed", "expected true or false"),
        (#"{"refresh-interval": 60, "refresh-jitter": 120}"#, "refresh-jitter", "must not exceed refresh-interval"),
        (#"{"organisations": ["991825828"]}"#, "organisations", "check digit"),
        (#"{"allow-address-range": ["10.0.0.0"]}"#, "allow-address-range", "not a CIDR range"),
        (#"{"organisation-queries": [{"organisasjonsform": 5}]}"#, "organisation-queries", "organisasjonsform"),
        (#"{"registry-url": "ftp://x"}"#, "registry-url", "not an http(s) URL"),
        (#"{"conncurrency": 4}"#, "conncurrency", "unknown key"),
    ])
    func badValuesNameTheKey(json: String, key: String, problem: String) throws {
        let found = try #require(try error(json))
        #expect(found.key == key)
        #expect(found.description.contains(problem), "\(found)")
        #expect(found.description.contains("config file "))
        #expect(!found.description.contains("\n"))
    }

    @Test func badEnvironmentValuesNameTheVariable() throws {
        let found = try #require(try error("{}", environment: ["ORGPROFILE_FEED_INTERVAL": "soon"]))
        #expect(found.description == "environment ORGPROFILE_FEED_INTERVAL: key 'feed-interval': expected a number")
    }

    @Test func notJSONIsOneLine() throws {
        let found = try #require(try error("{ \"concurrency\": "))
        #expect(found.description.contains("is not valid JSON") && !found.description.contains("\n"))
    }

    @Test func organisationsFileIsReadWithLineNumbersInErrors() throws {
        let list = temporaryDirectory("list") + "/organisations.txt"
        try Data("991825827 # digdir\n\n974 760 673\n991825828\n".utf8).write(to: URL(fileURLWithPath: list))
        let configuration = try load(#"{"organisations": ["991825827"], "organisations-file": "\#(list)"}"#)
        let found = try #require(throws: ConfigurationError.self) { try configuration.listedOrganisations() }
        #expect(found.description.contains("line 4"))
        try Data("991825827 # digdir\n\n974 760 673\n".utf8).write(to: URL(fileURLWithPath: list))
        #expect(try configuration.listedOrganisations().map(\.digits) == ["991825827", "974760673"])
    }
    @Test func aCombiningMarkInOrganisationsIsAnErrorNotACrash() throws {
        let found = try #require(try error(#"{"organisations": ["991825827", "97476067\u03013"]}"#))
        #expect(found.key == "organisations")
        #expect(found.description.contains(#"97476067\u{301}3"#) && found.description.contains("U+0301"), "\(found)")
    }

    @Test func organisationsFilesWithCRLFOrABOMAreRead() throws {
        let list = temporaryDirectory("list") + "/organisations.txt"
        let configuration = try load(#"{"organisations-file": "\#(list)"}"#)
        for content in [
            "991825827\r\n974 760 673\r\n", "\u{FEFF}991825827\n974760673", "\u{FEFF}# list\r\n991825827 # x\r\n\r\n974760673\r\n",
        ] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: list))
            #expect(try configuration.listedOrganisations().map(\.digits) == ["991825827", "974760673"], "\(content.debugDescription)")
        }
        try Data("991825827\r\n97476\u{1B}0673\r\n".utf8).write(to: URL(fileURLWithPath: list))
        let found = try #require(throws: ConfigurationError.self) { try configuration.listedOrganisations() }
        #expect(found.description.contains("line 2") && found.description.contains(#"'97476\u{1B}0673'"#), "\(found)")
    }

    @Test(arguments: [
        (#"{"concurrency": 4, "feed": false, "concurrency": 8}"#, "concurrency", "key 'concurrency': appears twice in the file"),
        (
            #"{"organisation-queries": [{"organisasjonsform": "STAT", "organisasjonsform": "KOMM"}]}"#, "organisation-queries",
            "'organisasjonsform' appears twice"
        ),
        (#"{"cache-dir": "/a", "cache\u002ddir": "/b"}"#, "cache-dir", "key 'cache-dir': appears twice in the file"),
    ])
    func duplicateKeysAreAnError(json: String, key: String, problem: String) throws {
        let found = try #require(try error(json))
        #expect(found.key == key)
        #expect(found.description.contains(problem) && found.description.contains("config file "), "\(found)")
    }

    @Test(arguments: ["organisations", "resolve", "connect-to", "allow-address-range"])
    func aStringWhereAListBelongsIsAnError(key: String) throws {
        let found = try #require(try error(#"{"\#(key)": "974760673"}"#))
        #expect(found.key == key)
        #expect(found.description.contains("expected a list"), "\(found)")
    }

    @Test func controlCharactersInValuesAreEscapedInMessages() throws {
        let found = try #require(try error(#"{"registry-url": "ftp://x\u001b[31m\r\n"}"#))
        #expect(found.description.contains(#"ftp://x\u{1B}[31m\r\n"#), "\(found)")
        #expect(!found.description.unicodeScalars.contains { $0.value < 0x20 })
    }
}
