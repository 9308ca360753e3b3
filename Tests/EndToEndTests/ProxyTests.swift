import Foundation
import TestSupport
import Testing

/// `--proxy`: every request goes through the proxy (CONNECT for https), names are resolved by the
/// proxy, and the address guard applies to the proxy's own address.
@Suite struct ProxyTests {
    @Test func aRefreshThroughAProxySendsTheRegisterAndTheWebsiteThroughIt() async throws {
        let proxy = try TestProxy()
        defer { proxy.stop() }
        let cache = CommandLineTests.temporaryDirectory()
        // No --connect-to: without the proxy these names would go to DNS.
        let run = try await BuiltBinary.run([
            "refresh", "--only", "991825827", "--cache-dir", cache, "--proxy", proxy.url,
            "--cacert", TestWeb.shared.caFile, "--allow-address-range", "127.0.0.0/8",
        ])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("991825827 active Digitaliseringsdirektoratet | logo header-home-link | email postmottak@digdir.no"))
        let requests = proxy.requests
        #expect(requests.contains("CONNECT data.brreg.no:443"), "\(requests)")
        #expect(requests.contains("CONNECT www.digdir.no:443"), "\(requests)")
        #expect(FileManager.default.fileExists(atPath: "\(cache)/profiles/991825827.json"))
    }

    @Test func aProxyOnAPrivateAddressIsRefusedUntilTheOperatorAllowsItsRange() async throws {
        let proxy = try TestProxy()
        defer { proxy.stop() }
        let cache = CommandLineTests.temporaryDirectory()
        let run = try await BuiltBinary.run([
            "refresh", "--only", "991825827", "--cache-dir", cache, "--proxy", proxy.url, "--cacert", TestWeb.shared.caFile,
        ])
        #expect(run.status == 69)
        #expect(run.stdout.contains("refused to connect to 127.0.0.1"), "\(run.stdout)")
        #expect(run.stdout.contains("--allow-address-range"))
        #expect(proxy.requests.isEmpty, "\(proxy.requests)")
        #expect(!FileManager.default.fileExists(atPath: "\(cache)/profiles/991825827.json"))
    }
}
