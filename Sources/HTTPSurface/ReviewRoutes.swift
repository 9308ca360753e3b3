import FileIO
import Foundation
import Hummingbird
import Logging
import Profiles

/// The review page and its writes: `GET /review` (`?queue=`), `GET /review/{orgnr}`, and
/// `POST /review/{orgnr}/approve|supply|asked`. The writes are `ReviewWriter`'s (checked first,
/// files written atomically, one audit line each); they answer 303 to `/review/{orgnr}`, or an
/// HTML page with the sentence in `p.error` (400 bad input, 404 no profile, 500 a file failed).
/// The auth middleware has already refused a write without a token or with a bad CSRF token;
/// a write without `context.actor` is refused here too.
enum ReviewRoutes {
    static func register(on router: Router<SurfaceContext>, surface: Surface) {
        let writer = ReviewWriter(
            cacheDirectory: surface.cacheDirectory, stateDirectory: surface.stateDirectory,
            overridesDirectory: surface.overridesDirectory)
        let cache = ReviewProfileCache()
        router.get("/review") { request, context in
            try await gallery(request, context: context, writer: writer, cache: cache)
        }
        router.get("/review/:orgnr") { request, context in
            try await single(context.parameters.get("orgnr") ?? "", context: context, writer: writer)
        }
        router.post("/review/:orgnr/approve") { request, context in
            try await write(request, context: context, surface: surface) { orgnr, actor, fields, _ throws(ReviewError) in
                guard let name = fields["field"], let field = ReviewField(rawValue: name) else {
                    throw ReviewError(.badInput, "say which value to approve: field=logo, field=email or field=phone")
                }
                try writer.approve(orgnr, field: field, by: actor, at: Date())
            }
        }
        router.post("/review/:orgnr/supply") { request, context in
            try await write(request, context: context, surface: surface) { orgnr, actor, fields, files throws(ReviewError) in
                try writer.supply(
                    orgnr, logo: files["logo"].map { Data($0) }, email: fields["email"], phone: fields["phone"], by: actor,
                    at: Date())
                return
            } after: { orgnr in
                // The supplied values reach the profile with a refresh; ask for one now.
                await surface.refreshNow([orgnr])
            }
        }
        router.post("/review/:orgnr/asked") { request, context in
            try await write(request, context: context, surface: surface) { orgnr, actor, fields, _ throws(ReviewError) in
                try writer.recordAsked(orgnr, date: fields["date"] ?? "", note: fields["note"] ?? "", by: actor, at: Date())
            }
        }
    }

    static func gallery(_ request: Request, context: SurfaceContext, writer: ReviewWriter, cache: ReviewProfileCache) async throws
        -> Response
    {
        var queue: ReviewQueue?
        if let name = request.uri.queryParameters.get("queue"), !name.isEmpty {
            guard let known = ReviewQueue(rawValue: name) else {
                return page(
                    .badRequest,
                    ReviewPage.error(
                        "there is no queue '\(name)'; the queues are \(ReviewQueue.allCases.map(\.rawValue).joined(separator: ", "))",
                        findings: [], back: "/review"))
            }
            queue = known
        }
        let queues = await FileIOExecutor.shared.run {
            ReviewQueues.collect(profiles: writer.profiles, reviews: writer.reviews, cache: cache)
        }
        let number = request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1
        return page(.ok, ReviewPage.gallery(queues, queue: queue, page: number, viewer: viewer(context)))
    }

    static func single(_ text: String, context: SurfaceContext, writer: ReviewWriter) async throws -> Response {
        let orgnr: String
        do {
            orgnr = try ReviewWriter.organisationNumber(text)
        } catch {
            return page(.badRequest, ReviewPage.error(error.message, findings: [], back: "/review"))
        }
        let loaded = await FileIOExecutor.shared.run { () -> Result<ReviewEntry?, ReviewError> in
            do {
                guard let profile = try writer.profiles.load(orgnr) else { return .success(nil) }
                let review = try writer.reviews.load(orgnr)
                return .success(
                    ReviewEntry(profile: profile, review: review, queues: ReviewQueues.queues(of: profile, review: review)))
            } catch {
                return .failure(ReviewError(.store, "\(error)"))
            }
        }
        switch loaded {
        case .success(let entry?):
            return page(.ok, ReviewPage.single(entry, viewer: viewer(context)))
        case .success(nil):
            return page(
                .notFound,
                ReviewPage.error("there is no profile for \(orgnr); is it configured and refreshed?", findings: [], back: "/review"))
        case .failure(let error):
            return page(.internalServerError, ReviewPage.error(error.message, findings: [], back: "/review"))
        }
    }

    /// Reads the form, runs `change` off the cooperative pool, appends nothing itself (the writer
    /// does), and answers 303 or the error page. `after` runs once the change is written.
    static func write(
        _ request: Request, context: SurfaceContext, surface: Surface,
        _ change: @escaping @Sendable (String, String, [String: String], [String: [UInt8]]) throws(ReviewError) -> Void,
        after: @Sendable (String) async -> Void = { _ in }
    ) async throws -> Response {
        let text = context.parameters.get("orgnr") ?? ""
        let back = "/review/\(text.allSatisfy { $0.isASCII && $0.isNumber } ? text : "")"
        guard let actor = context.actor else {
            return page(
                .unauthorized,
                ReviewPage.error(
                    "this write needs a token: send Authorization: Bearer TOKEN, or log in at /review/login", findings: [],
                    back: "/review/login"))
        }
        var request = request
        let form: ReviewForm
        do {
            form = try await ReviewForm.read(&request, limit: context.maxUploadSize)
        } catch let error as ReviewForm.Refused {
            return page(.badRequest, ReviewPage.error(error.description, findings: [], back: back))
        }
        let outcome = await FileIOExecutor.shared.run { () -> Result<String, ReviewError> in
            Result { () throws(ReviewError) -> String in
                let orgnr = try ReviewWriter.organisationNumber(text)
                try change(orgnr, actor, form.fields, form.files)
                return orgnr
            }
        }
        switch outcome {
        case .success(let orgnr):
            surface.logger.info("review: \(actor) wrote \(request.uri.path)")
            await after(orgnr)
            return Response(status: .seeOther, headers: [.location: "/review/\(orgnr)", .cacheControl: "no-store"])
        case .failure(let error):
            let status: HTTPResponse.Status =
                switch error.kind {
                case .badInput, .notConfigured: .badRequest
                case .notFound: .notFound
                case .store: .internalServerError
                }
            if error.kind == .store { surface.logger.error("review: \(request.uri.path): \(error)") }
            return page(status, ReviewPage.error(error.message, findings: error.findings, back: back))
        }
    }

    static func viewer(_ context: SurfaceContext) -> ReviewPage.Viewer {
        ReviewPage.Viewer(actor: context.actor, csrfToken: context.csrfToken)
    }

    /// An HTML answer that no cache keeps (it may carry the session's CSRF token) and that may
    /// load only our own images and its inline stylesheet.
    static func page(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
                .xContentTypeOptions: "nosniff",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
