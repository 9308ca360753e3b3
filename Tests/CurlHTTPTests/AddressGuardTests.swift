import Foundation
import Testing

@testable import CurlHTTP

@Suite struct AddressGuardTests {
    static let refusedByDefault = [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.10",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "64:ff9b::a00:1", "2001:db8::1",
    ]
    static let publicAddresses = ["8.8.8.8", "151.101.1.140", "172.32.0.1", "100.128.0.1", "2a00:1450:4010::1", "64:ff9b::808:808"]

    static func bytes(_ text: String) -> [UInt8] {
        if let v4 = IPAddress.parseIPv4(text) { return IPAddress.mapped(v4) }
        return IPAddress.parseIPv6(text)!
    }

    @Test(arguments: refusedByDefault)
    func refusesSpecialPurposeAddresses(_ address: String) {
        #expect(AddressGuard().refusal(for: Self.bytes(address)) != nil)
    }

    @Test(arguments: publicAddresses)
    func allowsPublicAddresses(_ address: String) {
        #expect(AddressGuard().refusal(for: Self.bytes(address)) == nil)
    }

    @Test func allowedRangeLiftsOnlyThatRange() {
        let guarded = AddressGuard(allowedRanges: [CIDRRange("127.0.0.0/8")!])
        #expect(guarded.refusal(for: Self.bytes("127.0.0.1")) == nil)
        #expect(guarded.refusal(for: Self.bytes("127.255.0.9")) == nil)
        #expect(guarded.refusal(for: Self.bytes("::ffff:127.0.0.1")) == nil)
        #expect(guarded.refusal(for: Self.bytes("10.0.0.1"))?.description == "10.0.0.0/8")
        #expect(guarded.refusal(for: Self.bytes("::1")) != nil)
        #expect(guarded.refusal(for: Self.bytes("169.254.169.254"))?.description == "169.254.0.0/16")
    }

    @Test func allowPrivateAddressesLiftsEverything() {
        let open = AddressGuard(allowPrivateAddresses: true)
        for address in Self.refusedByDefault { #expect(open.refusal(for: Self.bytes(address)) == nil) }
    }

    @Test(arguments: ["10.0.0.0", "10.0.0.0/33", "fd00::/129", "nonsense/8", "1.2.3.4/x", ""])
    func malformedRangesAreRejected(_ text: String) {
        #expect(CIDRRange(text) == nil)
    }

    @Test func formatsAddressesForMessages() {
        #expect(IPAddress.format(Self.bytes("10.255.255.1")) == "10.255.255.1")
        #expect(IPAddress.format(Self.bytes("fe80::1")) == "fe80::1")
    }

    @Test func retryAfterAcceptsSecondsAndDates() {
        #expect(RetryAfter.seconds("3") == 3)
        #expect(RetryAfter.seconds(" 0 ") == 0)
        #expect(RetryAfter.seconds("soon") == nil)
        #expect(RetryAfter.seconds(nil) == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(RetryAfter.seconds("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
    }
}
