internal import CCrypto
import Foundation

/// SHA-256 for the logo digest in profiles and the HTTP cache's file names, from OpenSSL's
/// libcrypto (already loaded with libcurl).
public enum SHA256 {
    /// The digest as 64 lower-case hex digits.
    public static func hex(_ data: Data) -> String {
        digest(data).map { String(format: "%02x", $0) }.joined()
    }

    static func digest(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBytes { bytes in ccrypto_sha256(bytes.baseAddress, bytes.count, &digest) }
        return digest
    }
}
