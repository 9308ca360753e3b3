import Foundation
import OrgModel
import Profiles
import SVGValidation

/// The review page for onboarding staff, rendered on the server: `GET /review` (every active
/// organisation, or one queue) and `GET /review/{orgnr}` (one). Plain HTML with a small inline
/// stylesheet and no script; every value is escaped (`ReviewPageHTML`). The markup is a contract
/// with the browser test (`docs/review.md`): `article.org#org-ORGNR[data-orgnr]`,
/// `figure.logo.on-white` / `figure.logo.on-dark` with one `img`, and the three forms.
enum ReviewPage {
    /// Who is looking: the CSRF token when logged in (then the forms are shown), and the name.
    struct Viewer {
        var actor: String?
        var csrfToken: String?
    }

    /// The gallery: queue links with counts, then one article per organisation in `queue`.
    static func gallery(_ queues: ReviewQueues, queue: ReviewQueue?, page: Int = 1, viewer: Viewer) -> String {
        let entries = queues.entries(in: queue)
        var body = header(queues, current: queue, viewer: viewer)
        let pages = max(1, (entries.count + pageSize - 1) / pageSize)
        let page = min(max(1, page), pages)
        let pager = pages > 1 ? pagerLinks(queue: queue, page: page, pages: pages) : ""
        body += pager + "<main>\n"
        if entries.isEmpty {
            body += "<p class=\"empty\">No organisations \(queue.map { "in “\(ReviewPageHTML.escape($0.title))”" } ?? "yet").</p>\n"
        }
        for entry in entries.dropFirst((page - 1) * pageSize).prefix(pageSize) { body += article(entry, viewer: viewer) }
        body += "</main>\n" + pager
        return document(title: queue.map { "Review: \($0.title)" } ?? "Review", body: body)
    }

    /// Articles per page: thousands of organisations (and two logos each) would make one page
    /// megabytes long and slow to draw.
    static let pageSize = 100

    static func pagerLinks(queue: ReviewQueue?, page: Int, pages: Int) -> String {
        func link(_ number: Int, _ text: String) -> String {
            let query = (queue.map { "queue=\($0.rawValue)&amp;" } ?? "") + "page=\(number)"
            return "<a href=\"/review?\(query)\">\(text)</a>"
        }
        var html = "<p class=\"pager\">"
        if page > 1 { html += link(page - 1, "previous") + " " }
        html += "page \(page) of \(pages)"
        if page < pages { html += " " + link(page + 1, "next") }
        return html + "</p>\n"
    }

    /// One organisation, the same article as in the gallery.
    static func single(_ entry: ReviewEntry, viewer: Viewer) -> String {
        let name = entry.profile.name?.display ?? entry.organisationNumber
        return document(
            title: "Review: \(name)",
            body: header(nil, current: nil, viewer: viewer) + "<main>\n" + article(entry, viewer: viewer) + "</main>\n")
    }

    /// A refused write: the sentence inside `p.error`, the findings listed, and a way back.
    static func error(_ message: String, findings: [String], back: String?) -> String {
        var body = "<main>\n<h1>Not done</h1>\n<p class=\"error\">\(ReviewPageHTML.escape(message))</p>\n"
        if !findings.isEmpty {
            body += "<ul class=\"findings\">\n"
            for finding in findings { body += "<li>\(ReviewPageHTML.escape(finding))</li>\n" }
            body += "</ul>\n"
        }
        if let back { body += "<p><a href=\"\(ReviewPageHTML.escape(back))\">Back</a></p>\n" }
        body += "</main>\n"
        return document(title: "Not done", body: body)
    }

    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(ReviewPageHTML.escape(title)) · orgprofile</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let stylesheet = """
        body{font:15px/1.4 system-ui,sans-serif;margin:0 1rem 2rem;color:#1a1a1a;background:#f4f4f2}
        header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;padding:.75rem 0}
        header h1{font-size:1.3rem;margin:0}
        nav a{margin-right:.75rem}nav a.current{font-weight:bold;text-decoration:none}
        main{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:1rem}
        article.org{background:#fff;border:1px solid #ccc;border-radius:6px;padding:.75rem}
        article.org h2{font-size:1.05rem;margin:0 0 .25rem}
        .logos{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:.5rem 0}
        figure.logo{margin:0;height:7rem;display:flex;align-items:center;justify-content:center;border-radius:4px;border:1px solid #ddd}
        figure.logo img{max-width:90%;max-height:6rem}
        figure.on-white{background:#fff}figure.on-dark{background:#1e1e24;color:#eee}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .75rem;margin:.5rem 0}dt{color:#555}dd{margin:0;overflow-wrap:anywhere}
        .queues span{display:inline-block;background:#eef;border-radius:3px;padding:0 .35rem;margin-right:.25rem;font-size:.85rem}
        .changed{color:#a40}.approved{color:#060}
        ul.problems{margin:.25rem 0;padding-left:1.1rem;font-size:.9rem}
        form{margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.35rem;align-items:center}
        p.error{color:#a00;font-weight:bold}
        """

    /// The queue links, with counts when `queues` is given (the single page does not read them all).
    static func header(_ queues: ReviewQueues?, current: ReviewQueue?, viewer: Viewer) -> String {
        var html = "<header>\n<h1>Review</h1>\n<nav>"
        let all = queues.map { " (\($0.entries.count))" } ?? ""
        html += "<a href=\"/review\"\(queues != nil && current == nil ? " class=\"current\"" : "")>All\(all)</a>"
        for queue in ReviewQueue.allCases {
            html += "<a href=\"/review?queue=\(queue.rawValue)\"\(current == queue ? " class=\"current\"" : "")>"
            html += ReviewPageHTML.escape(queue.title) + (queues.map { " (\($0.numbers(in: queue).count))" } ?? "") + "</a>"
        }
        html += "</nav>\n"
        if let actor = viewer.actor, viewer.csrfToken != nil {
            html += "<p class=\"who\">Logged in as \(ReviewPageHTML.escape(actor))</p>\n"
        } else {
            html += "<p class=\"who\"><a href=\"/review/login\">Log in</a> to approve, supply or record a question</p>\n"
        }
        return html + "</header>\n"
    }

    static func article(_ entry: ReviewEntry, viewer: Viewer) -> String {
        let profile = entry.profile
        let orgnr = ReviewPageHTML.escape(entry.organisationNumber)
        let name = profile.name?.display ?? profile.name?.registered ?? entry.organisationNumber
        let approved = entry.review.approved
        let changed = Set(profile.changedSinceApproval ?? [])
        var html = "<article class=\"org\" id=\"org-\(orgnr)\" data-orgnr=\"\(orgnr)\">\n"
        html += "<h2><a href=\"/review/\(orgnr)\">\(ReviewPageHTML.escape(name))</a> <small>\(orgnr)</small></h2>\n"
        if !entry.queues.isEmpty {
            html += "<p class=\"queues\">"
            html += entry.queues.map { "<span>\(ReviewPageHTML.escape($0.title))</span>" }.joined()
            html += "</p>\n"
        }
        html += "<div class=\"logos\">\n"
        for (theme, label) in [("on-white", "on white"), ("on-dark", "on a dark background")] {
            html += "<figure class=\"logo \(theme)\">"
            if let source = logoSource(profile.logo) {
                html += "<img src=\"\(ReviewPageHTML.escape(source))\" alt=\"Logo of \(ReviewPageHTML.escape(name)) \(label)\">"
            } else {
                html += "<span class=\"no-logo\">no logo</span>"
            }
            html += "</figure>\n"
        }
        html += "</div>\n<dl>\n"
        if let logo = profile.logo {
            html += row(
                "Logo",
                ReviewPageHTML.link(logo.sourceURL, text: logo.sourceURL ?? logo.foundBy.rawValue)
                    + " (\(ReviewPageHTML.escape(logo.foundBy.rawValue))\(logo.stale ? ", stale" : ""))"
                    + state(.logo, approved: approved, changed: changed))
            html += row("Confidence", String(format: "%.2f", logo.confidence))
            html += row("Verdict", ReviewPageHTML.escape(logo.validation.verdict.rawValue))
        } else if let raster = profile.logoRasterFallback {
            html += row("Logo", "none in SVG; the site shows " + ReviewPageHTML.link(raster.sourceURL, text: "a \(raster.format) logo"))
        }
        if let email = profile.email {
            html += row(
                "Email",
                ReviewPageHTML.escape(email.value)
                    + " (\(ReviewPageHTML.escape(email.foundBy.rawValue))\(email.stale ? ", stale" : ""))"
                    + state(.email, approved: approved, changed: changed))
        } else {
            html += row("Email", "none")
        }
        if let phone = profile.phone {
            html += row(
                "Phone",
                ReviewPageHTML.escape(phone.display)
                    + " (\(ReviewPageHTML.escape(phone.foundBy.rawValue))\(phone.stale ? ", stale" : ""))"
                    + state(.phone, approved: approved, changed: changed))
        } else {
            html += row("Phone", "none")
        }
        let sources = [
            profile.website.map { ReviewPageHTML.link($0, text: "website") },
            profile.websiteResolved.flatMap { $0 == profile.website ? nil : ReviewPageHTML.link($0, text: "after redirects") },
            profile.registryURL.map { ReviewPageHTML.link($0, text: "register") },
        ].compactMap { $0 }
        if !sources.isEmpty { html += row("Sources", sources.joined(separator: " · ")) }
        for asked in entry.review.asked {
            html += row("Asked", ReviewPageHTML.escape("\(asked.date) by \(asked.by)\(asked.note.isEmpty ? "" : ": \(asked.note)")"))
        }
        html += "</dl>\n"
        if !profile.problems.isEmpty {
            html += "<ul class=\"problems\">\n"
            for problem in profile.problems {
                html += "<li><code>\(ReviewPageHTML.escape(problem.code.rawValue))</code> \(ReviewPageHTML.escape(problem.message))</li>\n"
            }
            html += "</ul>\n"
        }
        html += forms(entry, viewer: viewer)
        return html + "</article>\n"
    }

    /// The h256 PNG rendition when there is one (what a browser shows fastest and the same on
    /// every engine), else the SVG: `/logos/<file name>`.
    static func logoSource(_ logo: Profile.Logo?) -> String? {
        guard let logo else { return nil }
        let file = logo.renditions?.first { $0.height == 256 }?.file ?? logo.file
        guard file.hasPrefix("logos/") else { return nil }
        return "/" + file
    }

    static func state(_ field: ReviewField, approved: ReviewApprovals, changed: Set<String>) -> String {
        var html = ""
        if let approval = approved[field] {
            html += " <span class=\"approved\">approved by \(ReviewPageHTML.escape(approval.by)) "
            html += "\(ReviewPageHTML.escape(approval.at.formatted(Date.ISO8601FormatStyle().year().month().day())))</span>"
        }
        if changed.contains(field.rawValue) { html += " <span class=\"changed\">the site now shows another</span>" }
        return html
    }

    static func row(_ label: String, _ value: String) -> String { "<dt>\(label)</dt><dd>\(value)</dd>\n" }

    static func forms(_ entry: ReviewEntry, viewer: Viewer) -> String {
        let orgnr = ReviewPageHTML.escape(entry.organisationNumber)
        guard let csrf = viewer.csrfToken, viewer.actor != nil else {
            return "<p class=\"login\"><a href=\"/review/login\">Log in</a> to approve, supply or record a question.</p>\n"
        }
        let token = "<input type=\"hidden\" name=\"csrf\" value=\"\(ReviewPageHTML.escape(csrf))\">"
        var html = ""
        let present = ReviewField.allCases.filter { entry.profile.approvalKey($0) != nil }
        if !present.isEmpty {
            html += "<form class=\"approve\" method=\"post\" action=\"/review/\(orgnr)/approve\">\(token)"
            for field in present {
                html += "<button name=\"field\" value=\"\(field.rawValue)\">Approve \(field.rawValue)</button>"
            }
            html += "</form>\n"
        }
        html += "<form class=\"supply\" method=\"post\" action=\"/review/\(orgnr)/supply\" enctype=\"multipart/form-data\">\(token)"
        html += "<label>Logo <input type=\"file\" name=\"logo\" accept=\".svg,image/svg+xml\"></label>"
        html += "<input name=\"email\" type=\"email\" placeholder=\"email\" aria-label=\"email\">"
        html += "<input name=\"phone\" placeholder=\"phone\" aria-label=\"phone\">"
        html += "<button type=\"submit\">Supply</button></form>\n"
        html += "<form class=\"asked\" method=\"post\" action=\"/review/\(orgnr)/asked\">\(token)"
        // Today (UTC) filled in: the usual case is recording a question just sent.
        let today = Date().formatted(Date.ISO8601FormatStyle().year().month().day())
        html += "<input name=\"date\" value=\"\(today)\" placeholder=\"YYYY-MM-DD\" pattern=\"[0-9]{4}-[0-9]{2}-[0-9]{2}\""
        html += " aria-label=\"date asked\">"
        html += "<input name=\"note\" placeholder=\"note\" aria-label=\"note\">"
        html += "<button type=\"submit\">Record asked</button></form>\n"
        return html
    }
}
