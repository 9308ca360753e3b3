import Hummingbird

enum ReviewRoutes { static func register(on router: Router<SurfaceContext>, surface: Surface) {} }
