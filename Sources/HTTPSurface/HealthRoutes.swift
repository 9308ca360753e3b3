import FileIO
import Foundation
import Hummingbird
import Profiles

/// `/healthz`: the process answers. `/readyz`: the configuration is loaded (it is, or the process
/// would have exited 78) and the cache directory can be written; 503 with the reason otherwise.
enum HealthRoutes {
    static func register(on router: Router<SurfaceContext>, surface: Surface) {
        router.get("/healthz") { request, _ in
            Answers.body(
                request, bytes: ByteBuffer(string: "ok\n"), tag: Answers.tag(of: Array("ok\n".utf8)), contentType: Answers.textType,
                cacheControl: "no-store")
        }
        router.get("/readyz") { request, _ in
            let store = ProfileStore(root: surface.cacheDirectory)
            let problem = await FileIOExecutor.shared.run { () -> String? in
                do {
                    try store.prepare()
                    let path = "\(store.root)/.readyz-\(getpid())"
                    try AtomicFile.write(Data("ok\n".utf8), to: path, durable: false)
                    unlink(path)
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            if let problem {
                return Answers.sentence(.serviceUnavailable, "not ready: the cache directory cannot be written: \(problem)")
            }
            let text = "ready\n"
            return Answers.body(
                request, bytes: ByteBuffer(string: text), tag: Answers.tag(of: Array(text.utf8)), contentType: Answers.textType,
                cacheControl: "no-store")
        }
    }
}
