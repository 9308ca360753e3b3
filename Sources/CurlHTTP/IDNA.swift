internal import CCurl

/// Internationalised host names in their ASCII form (`bærum.kommune.no` →
/// `xn--brum-voa.kommune.no`), converted the way libcurl itself converts them before a fetch:
/// libidn2, IDNA 2008 with the UTS #46 mapping (so upper case and NFC are handled there).
public enum IDNA {
    /// The punycoded form of a host given in Unicode; nil when libcurl rejects the name.
    public static func asciiHost(_ host: String) -> String? {
        // Only names made of letters, marks, digits, `-` and `.` can be IDNA; anything else (a
        // U+FFFD from undecodable bytes, symbols, spaces) is refused here. libcurl 7.88.1 leaks
        // the partly converted name when libidn2 rejects one (found by the page fuzzer).
        guard host.unicodeScalars.allSatisfy({ scalar in
            scalar == "-" || scalar == "." || (scalar.isASCII && scalar.properties.isAlphabetic)
                || scalar.properties.numericType == .decimal
                || (!scalar.isASCII && (scalar.properties.isAlphabetic || isMark(scalar)))
        }) else { return nil }
        var ascii: UnsafeMutablePointer<CChar>?
        guard ccurl_punycode_host(host, &ascii) == CURLUE_OK, let ascii else { return nil }
        defer { curl_free(ascii) }
        return String(cString: ascii)
    }

    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
