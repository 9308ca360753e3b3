import Hummingbird
import Logging

/// Turns what a route or Hummingbird throws into one sentence of plain text (no stack, no JSON
/// envelope), and refuses request bodies over `HTTPSurfaceLimits.maxRequestBodyBytes` before
/// anything reads them (413; a body without a length is stopped at the cap when read).
struct ErrorAnswerMiddleware: RouterMiddleware {
    typealias Context = SurfaceContext

    static var tooLarge: String {
        "the request body is larger than \(HTTPSurfaceLimits.maxRequestBodyBytes / 1024 / 1024) MiB, the most this server accepts"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > context.maxUploadSize {
            return Answers.sentence(.contentTooLarge, Self.tooLarge)
        }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            switch error.status {
            case .notFound:
                return Answers.sentence(.notFound, "nothing here: \(request.uri.path) (the API is described in docs/openapi.yaml)")
            case .contentTooLarge: return Answers.sentence(.contentTooLarge, Self.tooLarge)
            case .methodNotAllowed: return Answers.sentence(.methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)")
            default:
                let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
                return Answers.sentence(error.status, message)
            }
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(error)")
            return Answers.sentence(.internalServerError, "the server failed to answer: \(error)")
        }
    }
}
