import Hummingbird

/// `/healthz`: the process answers.
enum HealthRoutes {
    static func register(on router: Router<SurfaceContext>, surface: Surface) {
        router.get("/healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
    }
}
