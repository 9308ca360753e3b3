import Foundation
import Profiles

/// The filters of `GET /profiles`: `status=active,deleted`, `missing=logo,email,phone` (a profile
/// matches when it lacks any of the named values), `changedSince=RFC 3339 time` (profiles whose
/// latest refresh, `refreshedAt`, is later). Filters combine with AND. An unknown parameter or
/// value is an error naming it, so a typo never silently returns everything.
public struct ProfileQuery: Sendable, Equatable {
    public enum Field: String, Sendable, CaseIterable { case logo, email, phone }

    public static let statuses = ["active", "deleted", "removed", "unknown"]

    public var statuses: Set<String>?
    public var missing: Set<Field> = []
    public var changedSince: Date?

    public init() {}

    /// Parses a raw query string (`a=b&c=d`, percent-encoded; `+` is kept as a plus sign, as time
    /// offsets need it).
    public init(query: String?) throws(ProfileQueryError) {
        for pair in (query ?? "").split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            switch name {
            case "status":
                let wanted = Self.list(value)
                for status in wanted where !Self.statuses.contains(status) {
                    throw ProfileQueryError("status '\(status)' is not one of \(Self.statuses.joined(separator: ", "))")
                }
                guard !wanted.isEmpty else {
                    throw ProfileQueryError("status needs a value: one or more of \(Self.statuses.joined(separator: ", "))")
                }
                statuses = (statuses ?? Set(wanted)).intersection(wanted)
            case "missing":
                let wanted = Self.list(value)
                guard !wanted.isEmpty else { throw ProfileQueryError("missing needs a value: one or more of logo, email, phone") }
                for field in wanted {
                    guard let known = Field(rawValue: field) else {
                        throw ProfileQueryError("missing '\(field)' is not one of logo, email, phone")
                    }
                    missing.insert(known)
                }
            case "changedSince":
                guard let date = RFC3339.date(value) else {
                    throw ProfileQueryError(
                        "changedSince '\(value)' is not an RFC 3339 time such as 2026-11-24T21:00:00Z or 2026-11-24T22:00:00+01:00")
                }
                changedSince = date
            default:
                throw ProfileQueryError("unknown parameter '\(name)'; the filters are status, missing and changedSince")
            }
        }
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public var isEmpty: Bool { statuses == nil && missing.isEmpty && changedSince == nil }

    public func matches(_ entry: ProfileIndex.Entry) -> Bool {
        if let statuses, !statuses.contains(entry.status) { return false }
        if !missing.isEmpty {
            let lacks =
                (missing.contains(.logo) && !entry.hasLogo) || (missing.contains(.email) && !entry.hasEmail)
                || (missing.contains(.phone) && !entry.hasPhone)
            if !lacks { return false }
        }
        if let changedSince {
            guard let refreshed = entry.refreshedAt, refreshed > changedSince else { return false }
        }
        return true
    }

    /// The same text for equal queries, whatever the order of their parameters (for ETags).
    public var canonical: String {
        var parts: [String] = []
        if let statuses { parts.append("status=" + statuses.sorted().joined(separator: ",")) }
        if !missing.isEmpty { parts.append("missing=" + missing.map(\.rawValue).sorted().joined(separator: ",")) }
        if let changedSince { parts.append("changedSince=\(changedSince.timeIntervalSince1970)") }
        return parts.joined(separator: "&")
    }
}

/// A filter of `GET /profiles` that cannot be used; `description` is the sentence for the 400 answer.
public struct ProfileQueryError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// RFC 3339 date-times: `2026-11-24T21:00:00Z`, with optional fractions and a numeric offset.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for index in range {
                guard (48...57).contains(bytes[index]) else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            [UInt8(ascii: "T"), UInt8(ascii: "t")].contains(bytes[10]), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"), let hours = number(index + 1..<index + 3),
                let minutes = number(index + 4..<index + 6), hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59))
        guard let base = calendar.date(from: components), calendar.component(.day, from: base) == day else { return nil }
        return base.addingTimeInterval(fraction - Double(offsetSeconds))
    }
}
