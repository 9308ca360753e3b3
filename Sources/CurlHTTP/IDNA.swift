internal import CCurl

/// Internationalised host names in their ASCII form (`bærum.kommune.no` →
/// `xn--brum-voa.kommune.no`), converted the way libcurl itself converts them before a fetch:
/// libidn2, IDNA 2008 with the UTS #46 mapping (so upper case and NFC are handled there).
public enum IDNA {
    /// The punycoded form of a host given in Unicode; nil when libcurl rejects the name.
    public static func asciiHost(_ host: String) -> String? {
        var ascii: UnsafeMutablePointer<CChar>?
        guard ccurl_punycode_host(host, &ascii) == CURLUE_OK, let ascii else { return nil }
        defer { curl_free(ascii) }
        return String(cString: ascii)
    }
}
