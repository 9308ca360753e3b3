import Foundation
import OrgModel
import SVGValidation
import Testing

@testable import HTTPSurface
@testable import Profiles

/// The review page's markup: the contract with the browser test, and escaping of every value.
@Suite struct ReviewPageTests {
    static let orgnr = "991825827"
    static let hostile = #"<script>alert("x")</script>&'"#

    static func profile(logo: Bool = true, renditions: Bool = true) -> Profile {
        var logoValue = Profile.Logo(
            file: "logos/\(orgnr)-0123456789abcdef.svg", sourceURL: "javascript:alert(1)", foundOn: nil,
            sha256: String(repeating: "a", count: 64), foundBy: .headerHomeLink, confidence: 0.42,
            validation: SVGReport(findings: []), stale: false, retrievedAt: Date(timeIntervalSince1970: 0))
        if renditions {
            logoValue.renditions = [
                Profile.Logo.Rendition(file: "logos/\(orgnr)-0123456789abcdef-h64.png", format: "png", width: 100, height: 64),
                Profile.Logo.Rendition(file: "logos/\(orgnr)-0123456789abcdef-h256.png", format: "png", width: 400, height: 256),
            ]
        }
        return Profile(
            schemaVersion: 2, organisationNumber: orgnr, status: .active,
            name: Profile.Name(registered: "X", display: hostile, displaySource: "title"), organisationForm: nil,
            registryURL: "https://data.brreg.no/enhetsregisteret/api/enheter/\(orgnr)", website: "https://www.digdir.no/",
            websiteResolved: nil, deletedOn: nil, logo: logo ? logoValue : nil,
            email: Profile.Email(value: "a\"b@digdir.no", foundBy: .mailto, foundAt: nil, stale: false), phone: nil,
            problems: [Profile.Problem(code: .logoLowConfidence, message: hostile)], refreshedAt: Date(timeIntervalSince1970: 0))
    }

    static func entry(_ profile: Profile, asked: [ReviewAsked] = []) -> ReviewEntry {
        let review = ReviewState(organisationNumber: orgnr, asked: asked)
        return ReviewEntry(profile: profile, review: review, queues: ReviewQueues.queues(of: profile, review: review))
    }

    @Test func everyValueIsEscaped() {
        let asked = [ReviewAsked(date: "2026-12-01", note: Self.hostile, by: "anne", at: Date())]
        let html = ReviewPage.gallery(
            ReviewQueues(entries: [Self.entry(Self.profile(), asked: asked)]), queue: nil,
            viewer: .init(actor: "anne\"<b>", csrfToken: "t\"<"))
        #expect(!html.contains("<script"), "a name, note or message never becomes markup")
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(!html.contains("href=\"javascript:"), "only http(s) URLs become links")
        #expect(html.contains("value=\"t&quot;&lt;\""))
    }

    @Test func theArticleKeepsTheContractsMarkup() {
        let html = ReviewPage.gallery(
            ReviewQueues(entries: [Self.entry(Self.profile())]), queue: nil, viewer: .init(actor: "anne", csrfToken: "tok"))
        #expect(html.contains(#"<article class="org" id="org-991825827" data-orgnr="991825827">"#))
        for theme in ["on-white", "on-dark"] {
            #expect(html.contains(#"<figure class="logo \#(theme)"><img src="/logos/991825827-0123456789abcdef-h256.png""#))
        }
        #expect(html.contains(#"<form class="approve" method="post" action="/review/991825827/approve">"#))
        #expect(html.contains(#"<button name="field" value="logo">"#) && html.contains(#"<button name="field" value="email">"#))
        #expect(!html.contains(#"value="phone">"#), "no approve button for a value the profile lacks")
        #expect(
            html.contains(
                #"<form class="supply" method="post" action="/review/991825827/supply" enctype="multipart/form-data">"#))
        #expect(html.contains(#"<input type="file" name="logo""#))
        #expect(html.contains(#"<form class="asked" method="post" action="/review/991825827/asked">"#))
        #expect(html.components(separatedBy: #"<input type="hidden" name="csrf" value="tok">"#).count == 4, "each form has the token")
        #expect(!html.contains("<script"), "no JavaScript")
    }

    @Test func withoutASessionThereAreNoFormsButALoginLink() {
        let html = ReviewPage.gallery(ReviewQueues(entries: [Self.entry(Self.profile())]), queue: nil, viewer: .init())
        #expect(!html.contains("<form"))
        #expect(html.contains(#"<a href="/review/login">"#))
    }

    @Test func theSVGIsShownWithoutRenditionsAndTextWithoutALogo() {
        let svg = ReviewPage.gallery(
            ReviewQueues(entries: [Self.entry(Self.profile(renditions: false))]), queue: nil, viewer: .init())
        #expect(svg.contains(#"<img src="/logos/991825827-0123456789abcdef.svg""#))
        let none = ReviewPage.gallery(ReviewQueues(entries: [Self.entry(Self.profile(logo: false))]), queue: nil, viewer: .init())
        #expect(!none.contains("<img") && none.components(separatedBy: "no logo").count == 3)
    }

    @Test func aQueueShowsOnlyItsOrganisations() {
        var complete = Self.profile()
        complete.organisationNumber = "974760673"
        complete.logo?.confidence = 0.9
        complete.problems = []
        complete.phone = Profile.Phone(e164: "+4722451000", display: "22 45 10 00", foundBy: .tel, foundAt: nil, stale: false)
        let queues = ReviewQueues(entries: [Self.entry(Self.profile()), Self.entry(complete)])
        let html = ReviewPage.gallery(queues, queue: .missing, viewer: .init())
        #expect(html.contains("id=\"org-991825827\"") && !html.contains("id=\"org-974760673\""))
        #expect(html.contains("All (2)"))
    }

    @Test func aLongListIsShownAPageAtATimeWithLinksToTheOthers() {
        let entries = (0..<250).map { index -> ReviewEntry in
            var profile = Self.profile()
            profile.organisationNumber = String(format: "9%08d", index)
            return Self.entry(profile)
        }
        let queues = ReviewQueues(entries: entries)
        let first = ReviewPage.gallery(queues, queue: .missing, viewer: .init())
        #expect(first.components(separatedBy: "<article ").count - 1 == ReviewPage.pageSize)
        #expect(first.contains("id=\"org-900000000\"") && !first.contains("id=\"org-900000100\""))
        #expect(first.contains(#"<a href="/review?queue=missing&amp;page=2">"#), "a link to the next page keeps the queue")
        let last = ReviewPage.gallery(queues, queue: .missing, page: 3, viewer: .init())
        #expect(last.components(separatedBy: "<article ").count - 1 == 50)
        #expect(last.contains("id=\"org-900000249\"") && last.contains("page 3 of 3"))
        let beyond = ReviewPage.gallery(queues, queue: nil, page: 9, viewer: .init())
        #expect(beyond.contains("page 3 of 3") && beyond.contains("id=\"org-900000249\""), "a page past the end shows the last")
    }

    @Test func anErrorPageHasTheSentenceAndFindings() {
        let html = ReviewPage.error("the logo was <rejected>", findings: ["line 1: script (security.script)"], back: "/review/1")
        #expect(html.contains(#"<p class="error">the logo was &lt;rejected&gt;</p>"#))
        #expect(html.contains("<li>line 1: script (security.script)</li>"))
    }
}
