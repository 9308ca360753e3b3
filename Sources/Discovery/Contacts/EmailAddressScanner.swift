/// Finds email addresses in running text: the matches, in order and without overlap, of
///
///     [A-Za-z0-9._%+\-æøåÆØÅ]+@[A-Za-z0-9\-æøåÆØÅ]+(?:\.[A-Za-z0-9\-æøåÆØÅ]+)*\.[A-Za-z]{2,}
///
/// as a backtracking regular-expression engine (ICU) finds them, without one: the pattern ran over
/// the whole visible text of every page and was among the costliest steps of a refresh.
/// Offsets are UTF-16 units, as in `NSString`.
///
/// Why a direct scan gives the same matches: a local part or a label cut short by backtracking
/// is followed by another local/label character, never by the `@` or `.` the pattern needs next.
/// So the local part is the whole run of local characters before an `@` (from where the previous
/// match ended), every label is a whole run, and the top-level domain is the letters after the
/// last dot of the `.label` chain that leaves at least two (greedy repetition, then backtracking
/// one `.label` at a time).
enum EmailAddressScanner {
    /// UTF-16 ranges (location, length) of the matches in `units`.
    static func matches(in units: [UInt16]) -> [(location: Int, length: Int)] {
        var result: [(location: Int, length: Int)] = []
        var searchFrom = 0
        var at = searchFrom
        let count = units.count
        while at < count {
            guard units[at] == 0x40 else {  // "@"
                at += 1
                continue
            }
            var start = at
            while start > searchFrom, isLocal(units[start - 1]) { start -= 1 }
            if start < at, let end = domainEnd(units, from: at + 1) {
                result.append((location: start, length: end - start))
                searchFrom = end
                at = end
            } else {
                at += 1
            }
        }
        return result
    }

    /// Where `[dom]+(?:\.[dom]+)*\.[A-Za-z]{2,}` starting at `start` ends, or nil.
    private static func domainEnd(_ units: [UInt16], from start: Int) -> Int? {
        let count = units.count
        var labelEnd = start
        while labelEnd < count, isDomain(units[labelEnd]) { labelEnd += 1 }
        guard labelEnd > start else { return nil }
        // The ends of the first label and of every following ".label", as far as they go.
        var ends = [labelEnd]
        while labelEnd < count, units[labelEnd] == 0x2E {  // "."
            var next = labelEnd + 1
            while next < count, isDomain(units[next]) { next += 1 }
            guard next > labelEnd + 1 else { break }
            ends.append(next)
            labelEnd = next
        }
        // The last end is never followed by ".letter"; backtrack one ".label" at a time.
        for end in ends.dropLast().reversed() {
            var letters = end + 1
            while letters < count, isASCIILetter(units[letters]) { letters += 1 }
            if letters - (end + 1) >= 2 { return letters }
        }
        return nil
    }

    private static func isASCIILetter(_ unit: UInt16) -> Bool {
        (unit >= 0x41 && unit <= 0x5A) || (unit >= 0x61 && unit <= 0x7A)
    }

    /// `[A-Za-z0-9\-æøåÆØÅ]`
    private static func isDomain(_ unit: UInt16) -> Bool {
        if unit < 0x80 { return isASCIILetter(unit) || (unit >= 0x30 && unit <= 0x39) || unit == 0x2D }
        return unit == 0xE6 || unit == 0xF8 || unit == 0xE5 || unit == 0xC6 || unit == 0xD8 || unit == 0xC5
    }

    /// `[A-Za-z0-9._%+\-æøåÆØÅ]`
    private static func isLocal(_ unit: UInt16) -> Bool {
        isDomain(unit) || unit == 0x2E || unit == 0x5F || unit == 0x25 || unit == 0x2B
    }
}
