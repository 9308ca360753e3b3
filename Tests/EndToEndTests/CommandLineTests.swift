import Foundation
import TestSupport
import Testing

/// The built `orgprofile` binary, run the way an operator runs it, against the test web.
@Suite struct CommandLineTests {
    let web = TestWeb.shared

    static func temporaryDirectory() -> String {
        let path = Scratch.url.appendingPathComponent("orgprofile-e2e-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func refresh(_ numbers: [String], cache: String, extra: [String] = []) async throws -> BuiltBinary.Result {
        try await BuiltBinary.run(["refresh"] + numbers + ["--cache-dir", cache] + web.operatorArguments + extra)
    }

    func profile(_ cache: String, _ orgnr: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: "\(cache)/profiles/\(orgnr).json") else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    func files(_ cache: String) -> [String] {
        (FileManager.default.enumerator(atPath: cache)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aWrongOrganisationNumberIsAClearErrorAndNothingIsFetchedOrWritten() async throws {
        let cache = Self.temporaryDirectory()
        let result = try await refresh(["991825828", "991825827"], cache: cache)
        #expect(result.status == 65)
        #expect(result.stderr.contains("'991825828' is not an organisation number: the check digit does not match (expected 7"))
        #expect(files(cache).isEmpty)
    }

    @Test func aNumberTheRegisterDoesNotKnowExits65WithoutAProfile() async throws {
        let cache = Self.temporaryDirectory()
        let result = try await refresh(["123456785"], cache: cache)
        #expect(result.status == 65)
        #expect(result.stdout.contains("123456785 NOT-FOUND"))
        #expect(result.stdout.contains("not in Enhetsregisteret"))
        #expect(profile(cache, "123456785") == nil)
    }

    @Test func a410PurgesTheCachedCopyDownToATombstone() async throws {
        let cache = Self.temporaryDirectory()
        // An earlier profile with a logo, as if the organisation had been public before.
        try FileManager.default.createDirectory(atPath: "\(cache)/logos", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(cache)/profiles", withIntermediateDirectories: true)
        try Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8).write(
            to: URL(fileURLWithPath: "\(cache)/logos/433695968-0123456789abcdef.svg"))
        try Data(
            #"{"schemaVersion":1,"organisationNumber":"433695968","status":"active","problems":[],"refreshedAt":"2026-01-01T00:00:00Z","name":{"registered":"X","display":"X","displaySource":"sentence-case"},"email":{"value":"a@b.no","foundBy":"mailto","stale":false}}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: "\(cache)/profiles/433695968.json"))
        let result = try await refresh(["433695968"], cache: cache)
        #expect(result.status == 0)
        #expect(result.stdout.contains("433695968 removed"))
        let tombstone = try #require(profile(cache, "433695968"))
        #expect(tombstone["status"] as? String == "removed")
        #expect(tombstone["name"] == nil)
        #expect(tombstone["email"] == nil)
        #expect(!files(cache).contains { $0.hasPrefix("logos/433695968") })
    }

    @Test func aDeletedOrganisationIsMarkedDeleted() async throws {
        let cache = Self.temporaryDirectory()
        let result = try await refresh(["821227062"], cache: cache)
        #expect(result.status == 0)
        let written = try #require(profile(cache, "821227062"))
        #expect(written["status"] as? String == "deleted")
        #expect(written["deletedOn"] as? String != nil)
        #expect((written["name"] as? [String: Any])?["registered"] as? String != nil)
    }

    @Test func aRegisterFailureExits69AndNamesTheTrace() async throws {
        let cache = Self.temporaryDirectory()
        let result = try await refresh(["999999999"], cache: cache)
        #expect(result.status == 69)
        #expect(result.stdout.contains("999999999 FAILED"))
        #expect(result.stdout.contains("HTTP 500"))
        #expect(profile(cache, "999999999") == nil)
    }

    @Test func anUnreachableRegisterKeepsTheLastGoodProfileMarkedStale() async throws {
        let cache = Self.temporaryDirectory()
        #expect(try await refresh(["991825827"], cache: cache).status == 0)
        let before = try #require(profile(cache, "991825827"))
        // Same cache, but the register's host now leads to a closed port.
        let result = try await BuiltBinary.run(
            ["refresh", "991825827", "--cache-dir", cache, "--connect-to", "data.brreg.no:443:127.0.0.1:9"] + web.operatorArguments)
        #expect(result.status == 69)
        let after = try #require(profile(cache, "991825827"))
        #expect((after["problems"] as? [[String: Any]])?.contains { $0["code"] as? String == "registry.unreachable" } == true)
        #expect((after["name"] as? [String: Any])?["display"] as? String == (before["name"] as? [String: Any])?["display"] as? String)
        #expect(after["refreshedAt"] as? String == before["refreshedAt"] as? String)
        if let email = after["email"] as? [String: Any] { #expect(email["stale"] as? Bool == true) }
    }

    @Test func aFullDiskIsReportedAndTheLastGoodProfileSurvives() async throws {
        let cache = Self.temporaryDirectory()
        #expect(try await refresh(["991825827"], cache: cache).status == 0)
        let before = try #require(FileManager.default.contents(atPath: "\(cache)/profiles/991825827.json"))
        // A file-size limit of 0 makes every write fail with EFBIG, as a full disk fails with ENOSPC.
        let arguments = (["refresh", "991825827", "--cache-dir", cache] + web.operatorArguments).map { "'\($0)'" }.joined(separator: " ")
        let result = try await BuiltBinary.run(["-c", "ulimit -f 0; exec '\(BuiltBinary.path)' \(arguments)"], executable: "/bin/bash")
        #expect(result.status == 74)
        #expect(result.stdout.contains("File too large"))
        #expect(result.stdout.contains("the last good profile is unchanged"))
        #expect(FileManager.default.contents(atPath: "\(cache)/profiles/991825827.json") == before)
        #expect(!files(cache).contains { $0.contains(".tmp-") })
    }

    @Test func everyWrittenProfileMatchesThePublishedSchema() async throws {
        let cache = Self.temporaryDirectory()
        _ = try await refresh(["991825827", "974760673", "821227062", "433695968", "973160834", "889640782", "958935420"], cache: cache)
        let checker = try JSONSchemaCheck(schemaFile: JSONSchemaCheck.profileSchema)
        let written = files(cache).filter { $0.hasPrefix("profiles/") && $0.hasSuffix(".json") }
        #expect(written.count == 7)
        for file in written {
            let violations = try checker.violations(Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(file)")))
            #expect(violations.isEmpty, "\(file): \(violations)")
        }
        // The same check finds a written profile broken: a key the schema does not declare, a wrong type.
        let written0 = try #require(written.first)
        var broken = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(cache)/\(written0)"))) as? [String: Any])
        broken["colour"] = "blue"
        broken["schemaVersion"] = "1"
        let violations = try checker.violations(JSONSerialization.data(withJSONObject: broken))
        #expect(violations.count == 2, "\(violations)")
        #expect(violations.contains { $0.hasPrefix("/schemaVersion:") })
        #expect(violations.contains { $0.contains("'colour' was unexpected") })
    }

    @Test func showPrintsTheProfileAndExits66WhenThereIsNone() async throws {
        let cache = Self.temporaryDirectory()
        let missing = try await BuiltBinary.run(["show", "991825827", "--cache-dir", cache])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no profile for 991825827"))
        _ = try await refresh(["991825827"], cache: cache)
        let shown = try await BuiltBinary.run(["show", "991 825 827", "--cache-dir", cache])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("\"organisationNumber\" : \"991825827\""))
        #expect(try await BuiltBinary.run(["show", "12345", "--cache-dir", cache]).status == 65)
    }

    @Test func anOrganisationsFileIsReadWithComments() async throws {
        let cache = Self.temporaryDirectory()
        let list = "\(cache)/list.txt"
        try "# agencies\n991825827   # Digdir\n\n974 760 673\n".write(toFile: list, atomically: true, encoding: .utf8)
        let result = try await refresh([], cache: cache, extra: ["--organisations-file", list])
        #expect(result.status == 0)
        #expect(profile(cache, "991825827") != nil)
        #expect(profile(cache, "974760673") != nil)
    }

    @Test func usageErrorsExit64() async throws {
        #expect(try await BuiltBinary.run(["refresh"]).status == 64)
        #expect(try await BuiltBinary.run(["inspect", "--html", "x.html"]).status == 64)
    }

    @Test func refusesToFetchFromTheTestWebWhenLoopbackIsNotAllowed() async throws {
        let cache = Self.temporaryDirectory()
        let arguments =
            ["refresh", "991825827", "--cache-dir", cache, "--cacert", web.caFile] + web.connectTo.flatMap { ["--connect-to", $0] }
        let result = try await BuiltBinary.run(arguments)
        #expect(result.status == 69)
        #expect(result.stdout.contains("refused to connect to 127.0.0.1"))
    }
}
