import Foundation

/// Resolves references found in one document: against the first `<base href>` (itself resolved
/// against the document URL), else against the document URL, which is the post-redirect URL.
struct DocumentURLResolver: Sendable {
    let document: WebAddress
    let base: WebAddress

    init(document: WebAddress, tree: HTMLTree) {
        self.document = document
        // The first <base> with a non-empty href anywhere in the document (not only in <head>).
        let baseHref = tree.elements(named: "base").lazy
            .compactMap { tree[$0].attribute("href") }
            .first { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        self.base = baseHref.flatMap { document.resolve($0) } ?? document
    }

    init(document: WebAddress) {
        self.document = document
        self.base = document
    }

    func resolve(_ reference: String) -> WebAddress? {
        base.resolve(reference)
    }
}
