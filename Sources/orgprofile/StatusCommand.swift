import ArgumentParser
import Daemon
import Foundation
import Profiles
import Registry

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List cached organisations missing a logo, an email or a phone, so staff know whom to ask.",
        discussion: "Exit 0 when every profile is complete, 1 when some lack a value.")

    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var serviceOptions: ServiceOptions

    @Flag(name: .long, help: "Print [{organisationNumber, name, missing:[logo|email|phone]}].")
    var json = false

    struct Missing: Encodable {
        var organisationNumber: String
        var name: String?
        var status: String
        var missing: [String]
    }

    func run() throws {
        let configuration = try serviceOptions.load(operatorOptions)
        let store = ProfileStore(root: configuration.cacheDirectory)
        var rows: [Missing] = []
        var total = 0
        for number in store.storedOrganisations() {
            guard let profile = try? store.load(number), profile.status == .active else { continue }
            total += 1
            var missing: [String] = []
            if profile.logo == nil { missing.append("logo") }
            if profile.email == nil { missing.append("email") }
            if profile.phone == nil { missing.append("phone") }
            if !missing.isEmpty {
                rows.append(
                    Missing(organisationNumber: number, name: profile.name?.display, status: profile.status.rawValue, missing: missing))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            for row in rows {
                print("\(row.organisationNumber) \(row.name ?? "(no name)"): missing \(row.missing.joined(separator: ", "))".visiblyEscaped)
            }
            print("\(total) active profiles, \(rows.count) missing a logo, email or phone")
        }
        if !rows.isEmpty { throw ExitCode(1) }
    }
}
