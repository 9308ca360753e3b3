import ArgumentParser
import Foundation
import Registry

/// sysexits(3) codes, as documented in the README.
enum Exit {
    static let ok = ExitCode(0)
    /// check-svg: at least one file was rejected.
    static let rejected = ExitCode(1)
    static let usage = ExitCode(64)
    /// Bad input data: an invalid organisation number, a number the register does not know.
    static let dataError = ExitCode(65)
    /// No such input: no cached profile, a file that does not exist.
    static let noInput = ExitCode(66)
    /// A service was unavailable: the register or a website could not be reached.
    static let unavailable = ExitCode(69)
    /// Reading or writing the cache directory failed.
    static let ioError = ExitCode(74)
    static let config = ExitCode(78)
}

/// Prints one line to standard error; control characters in it are shown escaped, never sent
/// to the terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("orgprofile: \(message.visiblyEscaped)\n".utf8))
}
