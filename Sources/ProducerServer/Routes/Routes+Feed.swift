import Hummingbird

extension Routes {
    func addFeedRoutes() {}
}
