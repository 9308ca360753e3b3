import CurlHTTP
import Daemon
import Dispatch
import Foundation
import OrgModel
import Profiles
import Registry
import SVGValidation
import Synchronization

// refresh-bench [--KEY VALUE]...
//
// One `orgprofile refresh --force` of the configured organisations through the same library code
// the command uses (configuration loading, `RefreshParts`, the start-up sweep, `RefreshRunner` with
// one register search per 2000 numbers), for scripts/bench-callgrind. Every `--KEY VALUE` is the
// configuration key of the same name (`--cache-dir`, `--state-dir`, `--organisations-file`,
// `--connect-to` (repeatable), `--cacert`, `--allow-address-range`, `--concurrency` …); the
// `ORGPROFILE_*` environment variables apply as they do to the command.
//
// The entry point is synchronous top-level code that blocks on a semaphore while the refresh runs
// in a task: valgrind 3.19 dies (SIGSEGV inside rt_sigsuspend) in libdispatch's `dispatch_main`,
// which an `async` main parks the main thread in.
//
// Left out, as they are not the refresh pipeline: the update feed check, the refresh-interval
// skip (the command with --force skips nothing) and the one-line-per-organisation output.

/// The organisations as the runner's work, 2000 numbers (one register search) at a time.
actor BenchmarkList: RefreshWorkSource {
    let numbers: [OrganisationNumber]
    let parts: RefreshParts
    let concurrency: Int
    private var taken = 0
    private(set) var results: [RefreshOutcome.Result: Int] = [:]
    private(set) var reused = 0
    private(set) var withLogo = 0
    private(set) var renditionsDrawn = 0
    /// Logos whose drawing failed or was cut short (`logo.render-rejected`): the bench's logos all
    /// draw, so each one is a render timeout that changes the work measured.
    private(set) var notRendered = 0

    init(numbers: [OrganisationNumber], parts: RefreshParts, concurrency: Int) {
        self.numbers = numbers
        self.parts = parts
        self.concurrency = concurrency
    }

    func next() -> RefreshRunner.Next {
        guard taken < numbers.count else { return .finished }
        let chunk = Array(numbers[taken..<min(taken + RegistryClient.maxBatchSize, numbers.count)])
        taken += chunk.count
        return .work(RefreshWork(numbers: chunk, parts: parts, concurrency: concurrency, lookUpTogether: numbers.count > 1))
    }

    func waitForWork() {}

    func finished(_ index: Int, _ outcome: RefreshOutcome) {
        results[outcome.result, default: 0] += 1
        if outcome.reusedDiscovery { reused += 1 }
        if outcome.profile?.logo != nil { withLogo += 1 }
        renditionsDrawn += outcome.renditionsDrawn
        if outcome.profile?.problems.contains(where: { $0.code == .logoRenderRejected }) == true { notRendered += 1 }
    }

    func unstarted(_ numbers: [OrganisationNumber]) {}

    func batchLookupFailed(_ error: RegistryError) -> Bool {
        printError("note: the register search failed (\(error)); looking organisations up one by one")
        return false
    }

    func shouldStop() -> Bool { false }

    var summary: String {
        let counts = results.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        return "\(numbers.count) organisations: \(counts.joined(separator: ", ")); \(withLogo) with a logo; \(reused) reused discovery; "
            + "\(renditionsDrawn) renditions drawn; \(notRendered) logos not rendered"
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// `--KEY VALUE` pairs as configuration flags; a repeated key is a list.
func configurationFlags(_ arguments: [String]) -> [String: ConfigurationSources.FlagValue]? {
    var flags: [String: ConfigurationSources.FlagValue] = [:]
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        guard argument.hasPrefix("--"), index + 1 < arguments.count,
            case let key = String(argument.dropFirst(2)), DaemonConfiguration.keys.contains(key)
        else {
            printError("refresh-bench: '\(argument)' is not --KEY VALUE with a configuration key (config/README.md)")
            return nil
        }
        let value = arguments[index + 1]
        switch flags[key] {
        case nil: flags[key] = .text(value)
        case .text(let first): flags[key] = .list([first, value])
        case .list(let list): flags[key] = .list(list + [value])
        default: break
        }
        index += 2
    }
    return flags
}

/// The refresh; returns the process's exit status.
func runRefresh(_ flags: [String: ConfigurationSources.FlagValue]) async -> Int32 {
    let configuration: DaemonConfiguration
    let numbers: [OrganisationNumber]
    do {
        configuration = try DaemonConfiguration.load(ConfigurationSources(flags: flags))
        numbers = try configuration.listedOrganisations()
    } catch {
        printError(error.description)
        return 78
    }
    guard !numbers.isEmpty else {
        printError("refresh-bench: no organisations (--organisations-file FILE)")
        return 64
    }
    let parts = RefreshParts(configuration, httpCache: configuration.stateDirectoryConfigured) { printError("note: \($0)") }
    do {
        try parts.sweepCacheDirectory(writeTest: false)
    } catch {
        printError("\(error)")
        return 74
    }
    let list = BenchmarkList(numbers: numbers, parts: parts, concurrency: configuration.concurrency)
    await RefreshRunner.run(list)
    await parts.http.shutdown()
    print(await list.summary)
    return 0
}

signal(SIGPIPE, SIG_IGN)
signal(SIGXFSZ, SIG_IGN)
LibXMLProcess.initialise()
CurlHTTPClient.initialiseProcess()

guard let flags = configurationFlags(Array(CommandLine.arguments.dropFirst())) else { exit(64) }
let done = DispatchSemaphore(value: 0)
let status = Mutex<Int32>(0)
Task.detached {
    let code = await runRefresh(flags)
    status.withLock { $0 = code }
    done.signal()
}
done.wait()
exit(status.withLock { $0 })
