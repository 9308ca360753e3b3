internal import CCrypto
import Foundation

/// SHA-256 for the logo digest in profiles and the HTTP cache's file names, from OpenSSL's
/// libcrypto (already loaded with libcurl).
public enum SHA256 {
    /// The digest as 64 lower-case hex digits.
    public static func hex(_ data: Data) -> String {
        let digest = digest(data)
        return String(unsafeUninitializedCapacity: 64) { buffer in
            for (index, byte) in digest.enumerated() {
                buffer[2 * index] = hexDigits[Int(byte >> 4)]
                buffer[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
            }
            return 64
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Fetched once for the process: an `EVP_MD` is immutable and may be shared between threads.
    private nonisolated(unsafe) static let algorithm = ccrypto_sha256_fetch()

    static func digest(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        let done = data.withUnsafeBytes { bytes in ccrypto_sha256(algorithm, bytes.baseAddress, bytes.count, &digest) }
        precondition(done == 1 && algorithm != nil, "libcrypto could not compute SHA-256")
        return digest
    }
}
