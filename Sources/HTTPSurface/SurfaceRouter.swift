import Hummingbird
import Profiles

/// Builds the router of the HTTP surface: health, the consumer API, metrics, auth and the review
/// routes (`ReviewRoutes`, built by the review work).
public enum SurfaceRouter {
    /// `index` is shared with whoever writes `<cache-dir>/index.json`, so both read each profile once.
    public static func make(surface: Surface, index: ProfileIndex? = nil) -> Router<SurfaceContext> {
        let index = index ?? ProfileIndex(profilesDirectory: ProfileStore(root: surface.cacheDirectory).profilesDirectory)
        let router = Router(context: SurfaceContext.self)
        HealthRoutes.register(on: router, surface: surface)
        ConsumerRoutes.register(on: router, surface: surface, index: index)
        ReviewRoutes.register(on: router, surface: surface)
        return router
    }
}
