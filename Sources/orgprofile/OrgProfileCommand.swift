import ArgumentParser
import CurlHTTP
import Foundation
import SVGValidation

@main
struct OrgProfileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgprofile",
        abstract: "Assembles sender profiles (display name, SVG logo, email, phone) of Norwegian public organisations.",
        discussion: """
            Exit codes: 0 success; 1 check-svg rejected a file; 64 usage; 65 bad input data (an invalid \
            organisation number, one the register does not know); 66 no cached profile or input file; 69 the \
            register could not be reached; 74 the cache directory could not be read or written; 78 a bad configuration.
            """,
        subcommands: [
            ServeCommand.self, RefreshCommand.self, StatusCommand.self, ShowCommand.self, InspectCommand.self, CheckSVGCommand.self,
        ])

    static func main() async {
        // Process-global C set-up, before any thread exists (libcurl's and libxml2's rules).
        signal(SIGPIPE, SIG_IGN)
        // A write past a file-size limit must fail with EFBIG and be reported, not kill the process.
        signal(SIGXFSZ, SIG_IGN)
        LibXMLProcess.initialise()
        CurlHTTPClient.initialiseProcess()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            finish(error)
        }
        finish(nil)
    }

    /// Prints what ArgumentParser's `exit(withError:)` prints, flushes standard output and error,
    /// and ends the process with `_exit`: without the exit handlers of the C libraries. Those free
    /// global state (OpenSSL's locks among it) while other threads of the process still run, and a
    /// command that returned sometimes crashed in them: "double free or corruption" or a bad
    /// pointer in a read lock, after its work was done and before its output was flushed (rare: seen
    /// in test runs of `inspect`, not reproduced on demand). Every file is written, synced and
    /// closed before a command returns; nothing in the exit handlers is needed.
    static func finish(_ error: (any Error)?) -> Never {
        var code = ExitCode.success
        if let error {
            code = exitCode(for: error)
            let text = fullMessage(for: error)
            if !text.isEmpty {
                if code == .success {
                    print(text)
                } else {
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                }
            }
        }
        fflush(nil)
        _exit(code.rawValue)
    }
}
