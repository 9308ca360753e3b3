import Daemon
import Discovery
import Foundation
import Profiles
import TestSupport
import Testing

/// `render-time-limit`: how long one logo may take to draw. Under a slow runner (valgrind, a
/// starved machine) the 5 s default cut renders short and the next refresh drew them again; the
/// operator can raise it, and both places that draw (discovery's variant step and the profile's
/// renditions) use the configured value.
@Suite struct RenderTimeLimitTests {
    func load(_ json: String, flags: [String: ConfigurationSources.FlagValue] = [:], environment: [String: String] = [:]) throws
        -> DaemonConfiguration
    {
        let path = temporaryDirectory("render-limit-config") + "/config.json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return try DaemonConfiguration.load(ConfigurationSources(flags: flags, environment: environment, filePath: path))
    }

    @Test func defaultFileEnvironmentAndFlag() throws {
        #expect(try load("{}").renderTimeLimit == 5)
        #expect(try load(#"{"render-time-limit": 120}"#).renderTimeLimit == 120)
        let environment = ["ORGPROFILE_RENDER_TIME_LIMIT": "30"]
        #expect(try load(#"{"render-time-limit": 2}"#, environment: environment).renderTimeLimit == 30)
        #expect(
            try load(#"{"render-time-limit": 2}"#, flags: ["render-time-limit": .number(7.5)], environment: environment)
                .renderTimeLimit == 7.5)
    }

    @Test func bothRenderersOfARefreshUseTheConfiguredLimit() throws {
        let configuration = try load(
            #"{"render-time-limit": 600, "cache-dir": "\#(temporaryDirectory("render-limit-cache"))", "http-cache-size": 0}"#)
        let parts = RefreshParts(configuration, httpCache: false) { _ in }
        #expect(parts.refresher.discoverer.options.renderTimeLimit == .seconds(600))
        #expect(parts.refresher.renderTimeLimit == .seconds(600))
    }

    @Test(arguments: [#"{"render-time-limit": 0}"#, #"{"render-time-limit": "long"}"#, #"{"render-time-limit": 100000}"#])
    func badValuesNameTheKey(_ json: String) throws {
        do {
            _ = try load(json)
            Issue.record("\(json) was accepted")
        } catch let error as ConfigurationError {
            #expect(error.key == "render-time-limit", "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}
