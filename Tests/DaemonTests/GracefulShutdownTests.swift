import Foundation
import ServiceLifecycle
import ServiceLifecycleTestKit
import Testing

@testable import Daemon

/// Shutdown of the scheduler in this process, with swift-service-lifecycle's test trigger: a
/// refresh in flight when graceful shutdown begins finishes its write and nothing new starts;
/// one cancelled (the group's escalation after `maximumGracefulShutdownDuration`) writes nothing.
/// Either way no temporary file is left and the schedule is saved with the rest still due.
@Suite(.serialized) struct GracefulShutdownTests {
    static let settings = #""refresh-interval": 3600, "refresh-jitter": 0, "feed": false, "concurrency": 1"#

    /// Starts the scheduler with every site's logo answering two seconds late; returns once one
    /// refresh is in flight (its home page fetched, its logo not yet), and which organisation it is.
    static func startWithARefreshInFlight(_ daemon: InProcessDaemon) async throws -> (Task<Void, any Error>, String) {
        for number in daemon.web.numbers { try daemon.web.slowDown(number, path: "/logo.svg", milliseconds: 2000) }
        let run = Task { try await daemon.scheduler.run() }
        var inFlight: String?
        let found = await eventuallyAsync(timeout: 30) {
            inFlight = daemon.web.numbers.first { number in
                daemon.web.requestLog.contains { $0.contains(" GET https://\(SyntheticWeb.host(number))/ 200") }
            }
            return inFlight != nil
        }
        try #require(found, "no refresh started: \(daemon.web.requestLog.suffix(10))")
        return (run, inFlight!)
    }

    @Test func aRefreshInFlightFinishesAndNothingNewStarts() async throws {
        let web = try SyntheticWeb(organisations: 4)
        try await web.start()
        defer { web.stopBlocking() }
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: Self.settings)
        let inFlight = try await testGracefulShutdown { trigger in
            let (run, inFlight) = try await Self.startWithARefreshInFlight(daemon)
            trigger.triggerGracefulShutdown()
            try await run.value
            return inFlight
        }

        let written = web.numbers.filter { daemon.profile($0) != nil }
        #expect(written == [inFlight], "the refresh in flight did not finish, or another started after shutdown began")
        #expect(daemon.profile(inFlight)?["organisationNumber"] as? String == inFlight)
        #expect(daemon.profile(inFlight)?["logo"] != nil, "the refresh in flight was cut short")
        #expect(daemon.leftovers.isEmpty, "\(daemon.leftovers)")
        let saved = try #require(daemon.savedState, "the schedule was not saved at shutdown")
        #expect(saved.organisations[inFlight]?.due == daemon.clock.now.addingTimeInterval(3600))
        for number in web.numbers where number != inFlight {
            #expect(saved.organisations[number].map { $0.due <= daemon.clock.now } == true, "\(number) not refreshed and not due")
        }
    }

    @Test func aRefreshCancelledInFlightWritesNothing() async throws {
        let web = try SyntheticWeb(organisations: 2)
        try await web.start()
        defer { web.stopBlocking() }
        let daemon = try InProcessDaemon(web: web, organisations: web.numbers, settings: Self.settings)
        try await testGracefulShutdown { trigger in
            let (run, _) = try await Self.startWithARefreshInFlight(daemon)
            trigger.triggerGracefulShutdown()
            run.cancel()
            try await run.value
        }

        #expect(web.numbers.allSatisfy { daemon.profile($0) == nil }, "a cancelled refresh wrote a profile")
        #expect(daemon.leftovers.isEmpty, "\(daemon.leftovers)")
        let saved = try #require(daemon.savedState, "the schedule was not saved at shutdown")
        for number in web.numbers {
            #expect(saved.organisations[number].map { $0.due <= daemon.clock.now } == true, "\(number) not refreshed and not due")
        }
    }
}
