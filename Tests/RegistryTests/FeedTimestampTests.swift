import Foundation
import Testing

@testable import Registry

/// The `dato=` of the update feed's first poll, byte for byte what the DateFormatter it replaced
/// printed (`yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` in UTC, which rounds to the millisecond).
@Suite struct FeedTimestampTests {
    @Test(arguments: [
        (1_700_000_000.0, "2023-11-14T22:13:20.000Z"),
        (1_700_000_000.123, "2023-11-14T22:13:20.123Z"),  // stored as .12299…
        (1_700_000_000.9996, "2023-11-14T22:13:21.000Z"),  // rounded up into the next second
        (1_601_855_999.9996, "2020-10-05T00:00:00.000Z"),  // and into the next day
        (1_656_633_600.5, "2022-07-01T00:00:00.500Z"),
    ])
    func printsTheInstantToTheNearestMillisecond(_ seconds: Double, _ expected: String) {
        #expect(RegistryClient.feedTimestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
