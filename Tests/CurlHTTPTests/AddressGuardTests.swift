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
    static let publicAddresses = [
        "8.8.8.8", "151.101.1.140", "172.32.0.1", "100.128.0.1", "2a00:1450:4010::1", "64:ff9b::808:808", "::ffff:8.8.8.8",
        "192.0.1.1", "198.20.0.1", "203.0.114.1", "2001:200::1", "2003::1", "3ffe::1", "3fff:1000::1", "5f01::1", "2620:4f:8001::1",
    ]

    /// One address in each entry of the IANA IPv4 and IPv6 special-purpose registries (and the
    /// IPv6 address space registry's reserved, multicast and deprecated blocks), with the range
    /// the guard names when it refuses it.
    static let refusedWithRange: [(address: String, range: String)] = [
        ("0.1.2.3", "0.0.0.0/8"), ("0.0.0.0", "0.0.0.0/8"), ("100.127.255.254", "100.64.0.0/10"),
        ("192.0.0.8", "192.0.0.0/24"), ("192.0.0.9", "192.0.0.0/24"), ("192.0.0.170", "192.0.0.0/24"),
        ("192.0.2.1", "192.0.2.0/24"), ("192.31.196.1", "192.31.196.0/24"), ("192.52.193.1", "192.52.193.0/24"),
        ("192.88.99.2", "192.88.99.0/24"), ("192.175.48.1", "192.175.48.0/24"), ("198.19.255.255", "198.18.0.0/15"),
        ("198.51.100.7", "198.51.100.0/24"), ("203.0.113.9", "203.0.113.0/24"), ("240.0.0.1", "240.0.0.0/4"),
        ("255.255.255.255", "240.0.0.0/4"), ("239.1.2.3", "224.0.0.0/4"),
        ("::", "::/128"), ("::1", "::1/128"),
        ("::127.0.0.1", "::/96"), ("::8.8.8.8", "::/96"), ("::ffff:0:808:808", "::ffff:0:0:0/96"), ("::2:0:0:1", "::/8"),
        ("::ffff:127.0.0.1", "127.0.0.0/8"), ("::ffff:10.1.2.3", "10.0.0.0/8"),
        ("64:ff9b::7f00:1", "127.0.0.0/8"), ("64:ff9b::a9fe:a9fe", "169.254.0.0/16"), ("64:ff9b:1::808:808", "64:ff9b:1::/48"),
        ("100::1", "100::/64"), ("100:0:0:1::1", "100:0:0:1::/64"),
        ("2001::1", "2001::/23"), ("2001:0:808:808::f7f7:fbfb", "2001::/23"), ("2001:1::1", "2001::/23"), ("2001:2::1", "2001::/23"),
        ("2001:3::1", "2001::/23"), ("2001:4:112::1", "2001::/23"), ("2001:20::1", "2001::/23"), ("2001:30::1", "2001::/23"),
        ("2001:1ff::1", "2001::/23"), ("2001:db8::1", "2001:db8::/32"), ("2002:808:808::1", "2002::/16"),
        ("2620:4f:8000::1", "2620:4f:8000::/48"), ("3fff::1", "3fff::/20"), ("3fff:fff:ffff::1", "3fff::/20"),
        ("5f00::1", "5f00::/16"), ("fc00::1", "fc00::/7"), ("fdff::1", "fc00::/7"), ("fe80::1", "fe80::/10"), ("febf::1", "fe80::/10"),
        ("fec0::1", "fec0::/10"), ("ff02::1", "ff00::/8"),
    ]

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

    @Test(arguments: refusedWithRange)
    func refusesEachSpecialPurposeRange(_ entry: (address: String, range: String)) {
        #expect(AddressGuard().refusal(for: Self.bytes(entry.address))?.description == entry.range, "\(entry.address)")
    }

    /// An allowed IPv4 range allows that address in plain and IPv4-mapped spelling only; an IPv4
    /// address carried inside another IPv6 address (compatible, translated, NAT64, 6to4, Teredo)
    /// is judged by the same list, on top of the carrier's own range.
    @Test func embeddedIPv4AddressesAreJudgedLikePlainOnes() {
        let loopbackAllowed = AddressGuard(allowedRanges: [CIDRRange("127.0.0.0/8")!])
        #expect(loopbackAllowed.refusal(for: Self.bytes("::ffff:127.0.0.1")) == nil)
        #expect(loopbackAllowed.refusal(for: Self.bytes("::127.0.0.1"))?.description == "::/96")
        #expect(loopbackAllowed.refusal(for: Self.bytes("::ffff:0:7f00:1"))?.description == "::ffff:0:0:0/96")
        #expect(loopbackAllowed.refusal(for: Self.bytes("2002:7f00:1::1"))?.description == "2002::/16")

        let carriersAllowed = AddressGuard(
            allowedRanges: ["::/96", "::ffff:0:0:0/96", "2002::/16", "2001::/32"].map { CIDRRange($0)! })
        #expect(carriersAllowed.refusal(for: Self.bytes("::127.0.0.1"))?.description == "127.0.0.0/8")
        #expect(carriersAllowed.refusal(for: Self.bytes("::8.8.8.8")) == nil)
        #expect(carriersAllowed.refusal(for: Self.bytes("::ffff:0:a00:1"))?.description == "10.0.0.0/8")
        #expect(carriersAllowed.refusal(for: Self.bytes("2002:a9fe:a9fe::1"))?.description == "169.254.0.0/16")
        #expect(carriersAllowed.refusal(for: Self.bytes("2002:808:808::1")) == nil)
        // Teredo: server 8.8.8.8, client 127.0.0.1 stored inverted (80ff:fffe); then a public client.
        #expect(carriersAllowed.refusal(for: Self.bytes("2001:0:808:808::80ff:fffe"))?.description == "127.0.0.0/8")
        #expect(carriersAllowed.refusal(for: Self.bytes("2001:0:a00:1::f7f7:fbfb"))?.description == "10.0.0.0/8")
        #expect(carriersAllowed.refusal(for: Self.bytes("2001:0:808:808::f7f7:fbfb")) == nil)

        let everythingNeeded = AddressGuard(allowedRanges: [CIDRRange("::/96")!, CIDRRange("127.0.0.0/8")!])
        #expect(everythingNeeded.refusal(for: Self.bytes("::127.0.0.1")) == nil)
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
