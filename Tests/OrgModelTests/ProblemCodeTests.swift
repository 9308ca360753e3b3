import Foundation
import Testing

@testable import OrgModel

@Suite struct ProblemCodeTests {
    /// Profiles on disk hold codes as plain strings; the typed value must read and write the same bytes.
    @Test func encodesAsItsPlainString() throws {
        let data = try JSONEncoder().encode([ProblemCode.logoNoneFound, .siteHTTPError])
        #expect(String(decoding: data, as: UTF8.self) == #"["logo.none-found","site.http-error"]"#)
        #expect(try JSONDecoder().decode([ProblemCode].self, from: data) == [.logoNoneFound, .siteHTTPError])
    }
}
