import CurlHTTP
import Foundation
import OrgModel
import Profiles
import Testing

@testable import Daemon

/// A logo is drawn (PNG renditions) once: a later refresh that finds the same bytes, whether it
/// reused the stored discovery of an unchanged site or read a changed page again, uses the
/// renditions on disk. The library's refresh, in this process, against a synthetic web on loopback.
@Suite struct LogoRedrawTests {
    @Test(arguments: [false, true])
    func anUnchangedLogoIsNotDrawnAgain(pageChanged: Bool) async throws {
        let web = try SyntheticWeb(organisations: 1)
        try await web.start()
        defer { web.stopBlocking() }
        let configFile = temporaryDirectory("redraw-config") + "/config.json"
        try InProcessDaemon.writeConfiguration(
            configFile, web: web, cache: temporaryDirectory("redraw-cache"), state: temporaryDirectory("redraw-state"),
            organisations: web.numbers, settings: #""feed": false, "wikidata": false"#)
        let configuration = try DaemonConfiguration.load(ConfigurationSources(environment: [:], filePath: configFile))
        let parts = RefreshParts(configuration, httpCache: true) { Issue.record("\($0)") }
        let number = try OrganisationNumber(validating: web.numbers[0])

        let first = await parts.refresher.refresh(number)
        #expect(first.result == .written, "\(first.error ?? "")")
        #expect(first.renditionsDrawn == 2, "a new logo gets its 64 and 256 px renditions")
        let renditions = try #require(first.profile?.logo?.renditions)

        if pageChanged {
            let page = web.root.appendingPathComponent("sites/\(SyntheticWeb.host(web.numbers[0]))/index.html")
            let html = try String(contentsOf: page, encoding: .utf8)
            try html.replacingOccurrences(of: "<main>", with: "<main><p>Nyhet: nye åpningstider.</p>").write(
                to: page, atomically: true, encoding: .utf8)
        }
        let second = await parts.refresher.refresh(number)
        #expect(second.result == .written, "\(second.error ?? "")")
        #expect(second.reusedDiscovery == !pageChanged)
        #expect(second.renditionsDrawn == 0, "the unchanged logo was drawn again")
        #expect(second.profile?.logo?.renditions == renditions)
        await parts.http.shutdown()
    }
}
