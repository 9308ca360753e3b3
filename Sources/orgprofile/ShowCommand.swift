import ArgumentParser
import Foundation
import Profiles
import Registry

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print the cached profile of one organisation (the JSON consumers read).")

    @Option(
        name: .customLong("cache-dir"), help: "Directory for profiles and logos (default: $CACHE_DIRECTORY, else /var/cache/orgprofile).")
    var cacheDirectory: String?

    @Argument(help: "Organisation number.")
    var organisationNumber: String

    func run() throws {
        let number = try parseOrganisationNumbers([organisationNumber])[0]
        var options = OperatorOptions()
        options.cacheDirectory = cacheDirectory
        let store = ProfileStore(root: options.resolvedCacheDirectory)
        let path = store.profilePath(number.digits)
        guard let data = FileManager.default.contents(atPath: path) else {
            printError("no profile for \(number.digits) in \(store.root); run 'orgprofile refresh \(number.digits)' first")
            throw Exit.noInput
        }
        do {
            _ = try Profile.decoder().decode(Profile.self, from: data)
        } catch {
            printError("\(path) is not a valid profile: \(error)")
            throw Exit.dataError
        }
        FileHandle.standardOutput.write(data)
    }
}
