import Foundation
import Testing
import TestSupport

@testable import FileIO

@Suite struct AtomicFileTests {
    static func temporaryDirectory() -> String {
        let path = Scratch.url.appendingPathComponent("orgprofile-atomic-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aFailedReplaceLeavesNoTemporaryFileAndNamesThePath() throws {
        // The target is a non-empty directory, so the final rename fails even for root.
        let root = Self.temporaryDirectory()
        let target = "\(root)/occupied"
        try FileManager.default.createDirectory(atPath: "\(target)/inside", withIntermediateDirectories: true)
        do {
            try AtomicFile.write(Data("new".utf8), to: target)
            Issue.record("replacing a directory must fail")
        } catch {
            #expect(error.description.contains(target))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["occupied"])
    }

    @Test func aMissingDirectoryIsAClearError() {
        do {
            try AtomicFile.write(Data("x".utf8), to: "/nonexistent-orgprofile-test/x.json")
            Issue.record("writing into a missing directory must fail")
        } catch {
            #expect(error.description.contains("/nonexistent-orgprofile-test"))
            #expect(error.description.contains("No such file or directory"))
        }
    }
}
