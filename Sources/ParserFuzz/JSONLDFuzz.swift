@testable import Discovery

/// One `<script type="application/ld+json">` body → organisations: the tolerant JSON repair
/// (comment and CDATA wrappers, trailing commas, escaped quotes), Foundation's JSON parser, the
/// `@graph`/`@id` walk; then the same body inside a page, through libxml2's HTML parser.
enum JSONLDFuzz {
    static func run(_ input: UnsafeRawBufferPointer) {
        let text = String(decoding: input, as: UTF8.self)
        let organisations = JSONLDExtractor.parse(text).map { JSONLDExtractor.organisations(inJSON: [$0]) } ?? []
        let again = JSONLDExtractor.parse(text).map { JSONLDExtractor.organisations(inJSON: [$0]) } ?? []
        precondition(organisations == again, "JSON-LD extraction is not deterministic")
        for organisation in organisations {
            precondition(!organisation.types.isEmpty, "an organisation without a type")
        }

        var page = Array("<!doctype html><html><head><script type=\"application/ld+json\">".utf8)
        page += input
        page += Array("</script></head><body></body></html>".utf8)
        _ = JSONLDExtractor.organisations(in: HTMLParser.parse(utf8: page))
    }
}
