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
            exit(withError: error)
        }
    }
}
