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

    /// Whether the lower-cased text may contain `word` (lower case) between two white-space
    /// characters, as `\s+word\s+` needs. Any non-ASCII character counts as white space here,
    /// so the answer is never "no" when the expression could match.
    func mayContainSpaced(_ word: String) -> Bool {
        if lowercased != nil { return true }
        let needle = Array(word.utf8)
        guard !needle.isEmpty, needle.count + 2 <= folded.count else { return false }
        func isSpaceLike(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x1F) || byte >= 0x80 }
        return folded.withUnsafeBufferPointer { haystack in
            var start = 1
            let last = haystack.count - needle.count - 1
            while start <= last {
                if haystack[start] == needle[0], isSpaceLike(haystack[start - 1]), isSpaceLike(haystack[start + needle.count]) {
                    var matched = 1
                    while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                start += 1
            }
            return false
        }
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
