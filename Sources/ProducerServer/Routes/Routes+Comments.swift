import Hummingbird

extension Routes {
    func addCommentRoutes() {}
}
