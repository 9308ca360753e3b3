internal import CPSL

/// Registrable domains from the Public Suffix List through libpsl (ICANN and private entries), the
/// list libcurl also uses for cookies: `www.sauda.kommune.no` → `sauda.kommune.no`,
/// `x.github.io` → `x.github.io`.
enum PublicSuffixList {
    /// The newer of the list built into libpsl and Debian's `publicsuffix` file. A libpsl context
    /// is read-only once loaded, so one is shared by every thread for the life of the process.
    nonisolated(unsafe) private static let list: OpaquePointer? = psl_latest(nil) ?? psl_builtin()

    /// The registrable domain of a lower-case ASCII host; the host itself when it has none (it is
    /// a public suffix, such as `kommune.no`, or a single label).
    static func registrableDomain(of host: String) -> String {
        host.withCString { name in
            guard let list, let domain = psl_registrable_domain(list, name) else { return host }
            return String(cString: domain)
        }
    }
}
