import ArgumentParser
import Daemon
import Foundation
import Profiles
import Registry

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List cached organisations missing a logo, an email or a phone, and the review queues, so staff know whom to ask.",
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

    /// Numbers listed per queue line; the rest are counted ("and 12 more").
    static let numbersPerQueue = 40

    func run() throws {
        let configuration = try serviceOptions.load(operatorOptions)
        let queues = ReviewQueues.collect(
            profiles: ProfileStore(root: configuration.cacheDirectory),
            reviews: ReviewStore(stateDirectory: configuration.stateDirectory))
        var rows: [Missing] = []
        for entry in queues.entries where entry.queues.contains(.missing) {
            let profile = entry.profile
            var missing: [String] = []
            if profile.logo == nil { missing.append("logo") }
            if profile.email == nil { missing.append("email") }
            if profile.phone == nil { missing.append("phone") }
            rows.append(
                Missing(
                    organisationNumber: entry.organisationNumber, name: profile.name?.display, status: profile.status.rawValue,
                    missing: missing))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            for row in rows {
                print("\(row.organisationNumber) \(row.name ?? "(no name)"): missing \(row.missing.joined(separator: ", "))".visiblyEscaped)
            }
            print("\(queues.entries.count) active profiles, \(rows.count) missing a logo, email or phone")
            // The review page's queues, one line each: name, count, the first numbers in it.
            for queue in ReviewQueue.allCases {
                let numbers = queues.numbers(in: queue)
                let shown = numbers.prefix(Self.numbersPerQueue).joined(separator: " ")
                let more = numbers.count > Self.numbersPerQueue ? " and \(numbers.count - Self.numbersPerQueue) more" : ""
                print("queue \(queue.rawValue) (\(numbers.count))" + (numbers.isEmpty ? "" : ": \(shown)\(more)"))
            }
            for problem in queues.unreadable { print("unreadable: \(problem)".visiblyEscaped) }
        }
        if !rows.isEmpty { throw ExitCode(1) }
    }
}
