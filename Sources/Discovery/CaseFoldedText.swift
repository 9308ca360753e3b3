import Foundation

/// A text prepared for many "does the lower-cased text contain this?" questions, answered as
/// `text.lowercased().contains(marker)` would be, without lower-casing the whole page (and
/// without Foundation's `contains`, which compares grapheme clusters): ASCII and Latin-1 capitals
/// are folded in the UTF-8 bytes, then markers are searched as bytes.
///
/// The only other characters whose lower case contains ASCII, `ø`, `å` or `＠` are U+0130 (İ),
/// U+212A (Kelvin sign) and U+212B (Ångström sign); a text with one of them is lower-cased the
/// slow way.
struct CaseFoldedText {
    private let folded: [UInt8]
    private let lowercased: String?

    init(_ text: String) {
        var bytes = Array(text.utf8)
        var needsUnicodeLowercasing = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A {
                bytes[index] = byte + 0x20
            } else if byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9E, bytes[index + 1] != 0x97 {
                bytes[index + 1] += 0x20  // À…Þ (not ×) → à…þ
                index += 1
            } else if byte == 0xC4, index + 1 < bytes.count, bytes[index + 1] == 0xB0 {
                needsUnicodeLowercasing = true
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x84, bytes[index + 2] == 0xAA || bytes[index + 2] == 0xAB {
                needsUnicodeLowercasing = true
            }
            index += 1
        }
        folded = bytes
        lowercased = needsUnicodeLowercasing ? text.lowercased() : nil
    }

    /// Whether the lower-cased text contains `marker`, which must be lower case itself.
    func contains(_ marker: String) -> Bool {
        if let lowercased { return lowercased.contains(marker) }
        let needle = Array(marker.utf8)
        guard let first = needle.first, needle.count <= folded.count else { return needle.isEmpty }
        return folded.withUnsafeBufferPointer { haystack in
            var start = 0
            let last = haystack.count - needle.count
            while start <= last {
                if haystack[start] == first {
                    var matched = 1
                    while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}
