import Hummingbird

/// The request context of every route: who is asking (set by the auth middleware) and the
/// session's CSRF token for forms.
public struct SurfaceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token's name when the request is authenticated (bearer token or session), else nil.
    public var actor: String?
    /// The session's CSRF token, for forms; nil when not logged in.
    public var csrfToken: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies larger than this are refused with 413 (uploads of logo files included).
    public var maxUploadSize: Int { HTTPSurfaceLimits.maxRequestBodyBytes }
}

/// Limits of the HTTP surface.
public enum HTTPSurfaceLimits {
    /// 2 MiB: a logo upload is an SVG (the validator refuses larger ones long before) or a form.
    public static let maxRequestBodyBytes = 2 * 1024 * 1024
}
