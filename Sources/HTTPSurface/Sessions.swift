import Foundation
import Synchronization

/// Logged-in browsers: a random session id in the `orgprofile_session` cookie, the token's name,
/// and the session's CSRF token that every form carries. In memory only: a restart logs everyone out.
public final class Sessions: Sendable {
    public struct Session: Sendable {
        public let name: String
        public let csrfToken: String
        public let expires: Date
    }

    public static let cookieName = "orgprofile_session"
    /// Twelve hours: a working day.
    public static let lifetime: TimeInterval = 12 * 3600
    /// Oldest sessions go first beyond this many.
    static let maximumCount = 1000

    private let sessions = Mutex([String: Session]())

    public init() {}

    /// A new session for `name`; returns its id (the cookie's value).
    public func start(name: String, now: Date = Date()) -> String {
        let id = Self.randomToken()
        let session = Session(name: name, csrfToken: Self.randomToken(), expires: now.addingTimeInterval(Self.lifetime))
        sessions.withLock { sessions in
            sessions = sessions.filter { $0.value.expires > now }
            if sessions.count >= Self.maximumCount, let oldest = sessions.min(by: { $0.value.expires < $1.value.expires }) {
                sessions[oldest.key] = nil
            }
            sessions[id] = session
        }
        return id
    }

    public func session(_ id: String, now: Date = Date()) -> Session? {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard session.expires > now else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    public func end(_ id: String) { _ = sessions.withLock { $0.removeValue(forKey: id) } }

    /// 32 random bytes from the kernel, as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}
