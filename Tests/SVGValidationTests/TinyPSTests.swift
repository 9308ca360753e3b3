import Foundation
import SVGValidation
import Testing

@Suite("SVG Tiny PS profile")
struct TinyPSTests {
    static let conforming = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 100 100">
          <title>Digitaliseringsdirektoratet</title>
          <desc>Round blue mark with a white bar</desc>
          <defs>
            <linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0062ba"/><stop offset="1" stop-color="#1e2b3c"/></linearGradient>
          </defs>
          <circle cx="50" cy="50" r="48" fill="url(#g)"/>
          <rect x="20" y="45" width="60" height="10" fill="#ffffff"/>
        </svg>
        """

    func tinyPS(_ text: String) -> SVGReport {
        SVGValidator(profile: .tinyPS).validate(Array(text.utf8))
    }

    func variant(_ replace: String, with replacement: String) -> String {
        precondition(Self.conforming.contains(replace))
        return Self.conforming.replacingOccurrences(of: replace, with: replacement)
    }

    @Test("A conforming logo passes both profiles")
    func conformingLogo() {
        let strict = tinyPS(Self.conforming)
        #expect(strict.verdict == .accepted, "\(strict.findings)")
        #expect(strict.tinyPS?.conforms == true)
        #expect(strict.findings.isEmpty, "\(strict.findings)")
        #expect(SVGValidator().validate(Array(Self.conforming.utf8)).findings.isEmpty)
    }

    @Test(
        "Each broken rule gives its code, and rejects only under the tiny-ps profile",
        arguments: [
            ("version=\"1.2\" ", "", "tinyps.version"),
            ("baseProfile=\"tiny-ps\"", "baseProfile=\"tiny\"", "tinyps.base-profile"),
            ("<title>Digitaliseringsdirektoratet</title>", "", "tinyps.title"),
            ("<title>Digitaliseringsdirektoratet</title>", "<title> </title>", "tinyps.title"),
            (
                "<title>Digitaliseringsdirektoratet</title>\n  <desc>Round blue mark with a white bar</desc>",
                "<desc>Round blue mark with a white bar</desc><title>D</title>", "tinyps.title"
            ),
            ("<desc>Round blue mark with a white bar</desc>", "<desc/>", "tinyps.desc"),
            ("viewBox=\"0 0 100 100\"", "viewBox=\"0 0 100 100\" x=\"0\"", "tinyps.root-position"),
            ("viewBox=\"0 0 100 100\"", "viewBox=\"0 0 100 100\" zoomAndPan=\"magnify\"", "tinyps.fixed-attribute"),
            ("viewBox=\"0 0 100 100\"", "viewBox=\"0 0 100 100\" preserveAspectRatio=\"xMinYMin slice\"", "tinyps.fixed-attribute"),
            ("viewBox=\"0 0 100 100\"", "width=\"100\" height=\"100\"", "tinyps.viewbox"),
            ("<rect x=\"20\"", "<rect style=\"fill:red\" x=\"20\"", "tinyps.style"),
            ("<rect x=\"20\"", "<rect opacity=\"0.5\" x=\"20\"", "tinyps.attribute"),
            ("<rect x=\"20\"", "<rect clip-path=\"url(#g)\" x=\"20\"", "tinyps.attribute"),
            ("<defs>", "<defs><style>.a{fill:red}</style>", "tinyps.element"),
            ("<defs>", "<defs><clipPath id=\"c\"><rect width=\"1\" height=\"1\"/></clipPath>", "tinyps.element"),
            ("<defs>", "<defs><desc>not here</desc>", "tinyps.element"),
            ("<defs>", "<metadata><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></metadata><defs>", "tinyps.element"),
            ("<rect x=\"20\"", "<rect xmlns:i=\"urn:x\" i:tag=\"1\" x=\"20\"", "tinyps.attribute"),
        ])
    func brokenRule(_ replace: String, _ replacement: String, _ code: String) {
        let text = variant(replace, with: replacement)
        let strict = tinyPS(text)
        #expect(strict.verdict == .rejected, "\(strict.findings)")
        #expect(strict.codes.contains(code), "\(strict.codes)")
        #expect(strict.tinyPS?.conforms == false)
        let lenient = SVGValidator().validate(Array(text.utf8))
        #expect(lenient.verdict == .accepted, "\(lenient.findings)")
        #expect(!lenient.codes.contains(code))
        #expect(lenient.tinyPS?.findings.contains { $0.code == code } == true)
    }

    @Test("SHOULD rules are warnings even under the tiny-ps profile")
    func shouldRules() {
        let oblong = tinyPS(variant("viewBox=\"0 0 100 100\"", with: "viewBox=\"0 0 200 100\""))
        #expect(oblong.verdict == .accepted)
        #expect(oblong.findings.first { $0.code == "tinyps.square" }?.severity == .warning)
        let relative = tinyPS(variant("viewBox=\"0 0 100 100\"", with: "viewBox=\"0 0 100 100\" width=\"100%\""))
        #expect(relative.verdict == .accepted)
        #expect(relative.findings.first { $0.code == "tinyps.relative-size" }?.severity == .warning, "\(relative.findings)")
        let absolute = tinyPS(variant("viewBox=\"0 0 100 100\"", with: "viewBox=\"0 0 100 100\" width=\"96\" height=\"96px\""))
        #expect(!absolute.codes.contains("tinyps.relative-size"))
        let generic = tinyPS(variant("Digitaliseringsdirektoratet", with: "bimi-svg-tiny-12-ps"))
        #expect(generic.findings.first { $0.code == "tinyps.title" }?.severity == .warning)
        let oneColour = """
            <svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 10 10">
            <title>Mono</title><rect width="10" height="10" fill="#000"/><circle r="2" fill="black"/><path d="M0 0h1v1z"/>
            </svg>
            """
        let mono = tinyPS(oneColour)
        #expect(mono.verdict == .accepted)
        #expect(mono.findings.first { $0.code == "tinyps.colours" }?.severity == .warning, "\(mono.findings)")
        #expect(!tinyPS(Self.conforming).codes.contains("tinyps.colours"))
        let xlink = tinyPS(
            variant("<rect x=\"20\"", with: "<use xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"#g\"/><rect x=\"20\""))
        #expect(xlink.findings.first { $0.code == "tinyps.xlink-href" }?.severity == .warning)
    }

    @Test("None of the real agency logos is Tiny PS, yet all pass the default profile", arguments: Corpus.files("accept"))
    func realLogosAndTinyPS(_ name: String) throws {
        let bytes = try Corpus.bytes("accept", name)
        let strict = SVGValidator(profile: .tinyPS).validate(bytes)
        #expect(strict.verdict == .rejected)
        #expect(strict.codes.contains("tinyps.base-profile"))
        #expect(SVGValidator().validate(bytes).tinyPS?.conforms == false)
    }
}

@Suite("SVG Tiny PS colour count")
struct TinyPSColourTests {
    func colourWarning(_ name: String) throws -> Bool {
        let report = SVGValidator().validate(try Corpus.bytes("accept", name))
        return report.tinyPS?.findings.contains { $0.code == "tinyps.colours" } ?? false
    }

    @Test("Colours set through <style> classes count (hemit: two blues), a one-colour logo warns (nb)")
    func realLogos() throws {
        #expect(try !colourWarning("hemit.svg"))
        #expect(try !colourWarning("trr.svg"))
        #expect(try colourWarning("nb.svg"))
        #expect(try colourWarning("srf.svg"))
    }
}
