import Foundation

/// Where tests put their temporary files: one directory per test process,
/// `<tmp>/orgprofile-tests-<pid>`, removed when the process exits. A run that was killed leaves
/// its directory behind; the next run removes the directories of processes that no longer exist.
/// (Each test's own files were left in the temporary directory before: about 400 a run.)
public enum Scratch {
    public static let root: String = {
        let base = (NSTemporaryDirectory() as NSString).standardizingPath
        removeLeftovers(in: base)
        let root = "\(base)/orgprofile-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Scratch.root) }
        return root
    }()

    public static var url: URL { URL(fileURLWithPath: root, isDirectory: true) }

    /// The directories of test processes that have ended.
    private static func removeLeftovers(in base: String) {
        let prefix = "orgprofile-tests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(atPath: "\(base)/\(name)") }
        }
    }
}
