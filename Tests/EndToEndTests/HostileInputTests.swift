import Foundation
import TestSupport
import Testing

/// Sloppy and hostile input given to the built binary: numbers with combining marks, files from
/// Windows editors, control bytes, cache directories that cannot be written.
@Suite struct HostileInputTests {
    let web = TestWeb.shared

    static func temporaryDirectory() -> String {
        let path = Scratch.url.appendingPathComponent("orgprofile-hostile-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// True when a message holds a control character other than the line ends that separate messages.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }
    }

    /// A digit followed by a combining mark is one grapheme that `Character.isNumber` calls a digit.
    @Test(arguments: [
        ("97476067\u{301}3", "U+0301"), ("97476067\u{20E3}3", "U+20E3"), ("97476067" + "3\u{FE0F}\u{20E3}", "U+FE0F"),
        ("9747\u{200B}60673", "U+200B"),
    ])
    func numbersWithMarksAreASentenceNotACrash(input: String, named: String) async throws {
        let cache = Self.temporaryDirectory()
        let refresh = try await BuiltBinary.run(["refresh", input, "--cache-dir", cache] + web.operatorArguments)
        #expect(refresh.status == 65, "\(refresh.stderr)")
        #expect(refresh.stderr.contains("\(named)") && refresh.stderr.contains("not a digit"), "\(refresh.stderr)")
        #expect(refresh.stderr.split(separator: "\n").count == 1, "\(refresh.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache)) == [])

        let show = try await BuiltBinary.run(["show", input, "--cache-dir", cache])
        #expect(show.status == 65, "\(show.stderr)")

        let list = "\(cache)/organisations.txt"
        try Data("991825827\n\(input)\n".utf8).write(to: URL(fileURLWithPath: list))
        let fromFile = try await BuiltBinary.run(["refresh", "--organisations-file", list, "--cache-dir", cache] + web.operatorArguments)
        #expect(fromFile.status == 66, "\(fromFile.stderr)")
        #expect(fromFile.stderr.contains("line 2") && fromFile.stderr.contains(named), "\(fromFile.stderr)")
    }

    @Test(arguments: [
        ("CRLF", "974760673\r\n991825827\r\n"), ("BOM", "\u{FEFF}974760673\n991825827\n"),
        ("BOM and CRLF without a final line end", "\u{FEFF}# agencies\r\n974760673 # Brreg\r\n991825827"),
    ])
    func organisationsFilesFromWindowsEditorsAreRead(kind: String, content: String) async throws {
        let cache = Self.temporaryDirectory()
        let list = "\(cache)/organisations.txt"
        try Data(content.utf8).write(to: URL(fileURLWithPath: list))
        let result = try await BuiltBinary.run(["refresh", "--organisations-file", list, "--cache-dir", cache] + web.operatorArguments)
        #expect(result.status == 0, "\(kind): \(result.stderr)")
        for number in ["974760673", "991825827"] {
            #expect(FileManager.default.fileExists(atPath: "\(cache)/profiles/\(number).json"), "\(kind): \(result.stdout)")
        }
    }

    @Test func controlBytesAreShownEscapedNeverEchoed() async throws {
        let cache = Self.temporaryDirectory()
        let list = "\(cache)/organisations.txt"
        try Data("974760673\n97476\u{1B}[2J0673\r\n".utf8).write(to: URL(fileURLWithPath: list))
        let fromFile = try await BuiltBinary.run(["refresh", "--organisations-file", list, "--cache-dir", cache] + web.operatorArguments)
        #expect(fromFile.status == 66)
        #expect(fromFile.stderr.contains(#"97476\u{1B}[2J0673"#), "\(fromFile.stderr)")
        #expect(!Self.hasControlCharacters(fromFile.stderr), "\(fromFile.stderr.debugDescription)")

        let argument = try await BuiltBinary.run(["refresh", "9747\u{7}60673", "--cache-dir", cache] + web.operatorArguments)
        #expect(argument.status == 65)
        #expect(argument.stderr.contains(#"9747\u{7}60673"#), "\(argument.stderr)")
        #expect(!Self.hasControlCharacters(argument.stderr), "\(argument.stderr.debugDescription)")

        let inspect = try await BuiltBinary.run(["inspect", "--orgnr", "97476067\u{301}\r", "https://www.digdir.no/"])
        #expect(inspect.status == 64, "\(inspect.stderr)")
        #expect(inspect.stderr.contains("U+0301"), "\(inspect.stderr)")
        #expect(!Self.hasControlCharacters(inspect.stderr), "\(inspect.stderr.debugDescription)")
    }

    /// With no earlier profile there is no "last good profile" to speak of.
    @Test func aFailedFirstWriteDoesNotClaimAnEarlierProfile() async throws {
        let cache = Self.temporaryDirectory()
        let arguments = (["refresh", "991825827", "--cache-dir", cache] + web.operatorArguments).map { "'\($0)'" }.joined(separator: " ")
        let result = try await BuiltBinary.run(["-c", "ulimit -f 0; exec '\(BuiltBinary.path)' \(arguments)"], executable: "/bin/bash")
        #expect(result.status == 74)
        #expect(result.stdout.contains("File too large"))
        #expect(!result.stdout.contains("last good profile"), "\(result.stdout)")
        #expect(result.stdout.contains("there was no earlier profile"), "\(result.stdout)")
    }

    /// A read-only mount (EROFS), made in a private mount namespace; needs root and unshare(1).
    static let canMountReadOnly: Bool = {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(.enabled(if: canMountReadOnly)) func aReadOnlyCacheDirectoryIsCalledReadOnly() async throws {
        let cache = Self.temporaryDirectory()
        let arguments = (["refresh", "991825827", "--cache-dir", cache] + web.operatorArguments).map { "'\($0)'" }.joined(separator: " ")
        let script = "mount --bind '\(cache)' '\(cache)' && mount -o remount,bind,ro '\(cache)' && exec '\(BuiltBinary.path)' \(arguments)"
        let result = try await BuiltBinary.run(["-m", "sh", "-c", script], executable: "/usr/bin/unshare")
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("read-only file system"), "\(result.stderr)")
        #expect(result.stderr.contains("--cache-dir"), "\(result.stderr)")
        #expect(!result.stderr.lowercased().contains("permission denied"), "\(result.stderr)")
    }

    /// A directory this user may not write (root's, 0755, as `nobody`); needs root and setpriv(1).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")))
    func aCacheDirectoryThisUserMayNotWriteSaysWhoAndWhatToDo() async throws {
        let cache = Self.temporaryDirectory()
        chmod(cache, 0o755)
        let result = try await BuiltBinary.run(
            // Nothing is fetched: the cache directory is checked first (the register address is a closed loopback port all the same).
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", BuiltBinary.path, "refresh", "991825827", "--cache-dir", cache,
                "--registry-url", "http://127.0.0.1:9",
            ],
            executable: "/usr/bin/setpriv")
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("uid 65534"), "\(result.stderr)")
        #expect(result.stderr.contains("--cache-dir"), "\(result.stderr)")
    }
}
