import FileIO
import Foundation
import Testing
import TestSupport

@testable import Profiles

/// Saves of different organisations run at the same time (each has its own fsyncs), saves of one
/// organisation never interleave, and whole-store work waits for every save. The locks are taken
/// through separate opens of `<cache-dir>/.lock`, as a second process would take them, so what
/// holds here holds between `serve` and a one-shot `refresh`. Every wait runs on a thread of its
/// own (`OwnThread.run`): a test that blocked a cooperative thread could starve the very save it
/// waits for, which runs on that pool. A save that must finish is given `saveBound` seconds: the
/// suite's CPU-bound tests can hold both cooperative threads for about a minute on a loaded
/// 2-core machine (a save that waits for a lock it can never get still fails, only later).
@Suite struct ProfileStoreLockTests {
    static let saveBound = 150.0

    /// A lock held on a thread of its own until `release` is signalled; `held` is signalled once it is.
    final class HeldLock: @unchecked Sendable {
        let held = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)

        init(_ take: @escaping @Sendable (_ body: () throws(StoreError) -> Void) throws(StoreError) -> Void) {
            OwnThread.start { [self] in
                try? take { () throws(StoreError) in
                    held.signal()
                    release.wait()
                }
                done.signal()
            }
            held.wait()
        }

        func letGo() {
            release.signal()
            done.wait()
        }
    }

    /// Runs a save on its own thread; `finished` is signalled when it returns.
    final class PendingSave: @unchecked Sendable {
        let finished = DispatchSemaphore(value: 0)

        init(_ store: ProfileStore, _ orgnr: String) {
            OwnThread.start { [self] in
                let done = DispatchSemaphore(value: 0)
                Task {
                    try? await store.save(ProfileStoreTests.profile(orgnr), logoBytes: nil)
                    done.signal()
                }
                done.wait()
                finished.signal()
            }
        }

        func hasFinished(within seconds: Double) -> Bool { finished.wait(timeout: .now() + seconds) == .success }
    }

    @Test("A save of another organisation completes while one organisation's lock is held")
    func otherOrganisationsAreNotHeldUp() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        try store.prepare()
        let held = try await OwnThread.run { HeldLock { body throws(StoreError) in try store.withOrganisationLock("991825827", body) } }
        // With one lock for the whole store this save would wait for `held` forever.
        let other = PendingSave(store, "974760673")
        let finished = try await OwnThread.run { other.hasFinished(within: Self.saveBound) }
        try await OwnThread.run { held.letGo() }
        #expect(finished, "the save of 974760673 waited for the lock of 991825827")
        #expect(FileManager.default.fileExists(atPath: store.profilePath("974760673")))
    }

    @Test("A save of the same organisation waits until its lock is released")
    func oneOrganisationsSavesDoNotInterleave() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        try store.prepare()
        let held = try await OwnThread.run { HeldLock { body throws(StoreError) in try store.withOrganisationLock("991825827", body) } }
        let same = PendingSave(store, "991825827")
        let finishedWhileHeld = try await OwnThread.run { same.hasFinished(within: 1) }
        #expect(!finishedWhileHeld, "the save ran while another writer held the organisation")
        #expect(!FileManager.default.fileExists(atPath: store.profilePath("991825827")))
        try await OwnThread.run { held.letGo() }
        #expect(try await OwnThread.run { same.hasFinished(within: Self.saveBound) })
        #expect(FileManager.default.fileExists(atPath: store.profilePath("991825827")))
    }

    @Test("Whole-store work waits for a save in progress, and a save waits for whole-store work")
    func theStoreLockExcludesOrganisationLocks() async throws {
        let store = ProfileStore(root: ProfileStoreTests.temporaryDirectory())
        try store.prepare()
        let organisation = try await OwnThread.run {
            HeldLock { body throws(StoreError) in try store.withOrganisationLock("991825827", body) }
        }
        let sweepDone = DispatchSemaphore(value: 0)
        OwnThread.start {
            _ = try? store.removeUnreferencedLogos()
            sweepDone.signal()
        }
        let sweptWhileHeld = try await OwnThread.run { sweepDone.wait(timeout: .now() + 1) == .success }
        #expect(!sweptWhileHeld, "the sweep ran while a save held its organisation")
        try await OwnThread.run { organisation.letGo() }
        #expect(try await OwnThread.run { sweepDone.wait(timeout: .now() + Self.saveBound) == .success })

        let whole = try await OwnThread.run { HeldLock { body throws(StoreError) in try store.withLock(body) } }
        let save = PendingSave(store, "974760673")
        let finishedWhileHeld = try await OwnThread.run { save.hasFinished(within: 1) }
        #expect(!finishedWhileHeld, "a save ran while the whole store was locked")
        try await OwnThread.run { whole.letGo() }
        #expect(try await OwnThread.run { save.hasFinished(within: Self.saveBound) })
    }
}
