import CoreMetrics
import Hummingbird
import Prometheus

/// What `/metrics` shows: the Prometheus registry that `serve` bootstrapped swift-metrics with,
/// and a hook that brings time-derived values (the feed's lag) up to date before each scrape.
public struct MetricsEndpoint: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let beforeScrape: @Sendable () async -> Void

    public init(registry: PrometheusCollectorRegistry, beforeScrape: @escaping @Sendable () async -> Void = {}) {
        self.registry = registry
        self.beforeScrape = beforeScrape
    }
}

/// `GET /metrics`: Prometheus text format 0.0.4.
enum MetricsRoutes {
    static func register(on router: Router<SurfaceContext>, endpoint: MetricsEndpoint) {
        router.get("/metrics") { request, _ in
            await endpoint.beforeScrape()
            var bytes: [UInt8] = []
            endpoint.registry.emit(into: &bytes)
            return Answers.body(
                request, bytes: ByteBuffer(bytes: bytes), tag: Answers.tag(of: bytes),
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                cacheControl: "no-store")
        }
    }
}

/// Counts every answer by status class: `orgprofile_http_responses_total{class="2xx"}`.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = SurfaceContext
    let factory: any MetricsFactory

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        Counter(label: "orgprofile_http_responses_total", dimensions: [("class", "\(response.status.code / 100)xx")], factory: factory)
            .increment()
        return response
    }
}
