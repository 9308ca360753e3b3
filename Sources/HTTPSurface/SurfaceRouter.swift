import CoreMetrics
import Hummingbird
import Profiles

/// Builds the router of the HTTP surface: health, the consumer API, metrics, auth and the review
/// routes (`ReviewRoutes`, built by the review work).
public enum SurfaceRouter {
    /// `index` is shared with whoever writes `<cache-dir>/index.json`, so both read each profile
    /// once; `tokens` is the token file in force (replaced on reload); `metrics` serves `/metrics`
    /// (absent: no such route); `metricsFactory` counts the answers by status class.
    public static func make(
        surface: Surface, index: ProfileIndex? = nil, tokens: TokenStore = TokenStore(nil), metrics: MetricsEndpoint? = nil,
        metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) -> Router<SurfaceContext> {
        let index = index ?? ProfileIndex(profilesDirectory: ProfileStore(root: surface.cacheDirectory).profilesDirectory)
        let sessions = Sessions()
        // HEAD answers as GET without the body (consumers probe ETags that way).
        let router = Router(context: SurfaceContext.self, options: .autoGenerateHeadEndpoints)
        // Middleware first: it applies to the routes added after it (and to "not found").
        router.add(middleware: HTTPMetricsMiddleware(factory: metricsFactory))
        router.add(middleware: ErrorAnswerMiddleware())
        router.add(middleware: AuthMiddleware(tokens: tokens, sessions: sessions))
        HealthRoutes.register(on: router, surface: surface)
        ConsumerRoutes.register(on: router, surface: surface, index: index)
        if let metrics { MetricsRoutes.register(on: router, endpoint: metrics) }
        LoginRoutes.register(on: router, tokens: tokens, sessions: sessions)
        ReviewRoutes.register(on: router, surface: surface)
        return router
    }
}
