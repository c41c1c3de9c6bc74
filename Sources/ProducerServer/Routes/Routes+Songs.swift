import Hummingbird

extension Routes {
    func addSongRoutes() {}
}
