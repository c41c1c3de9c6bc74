import Hummingbird

extension Routes {
    func addProjectRoutes() {}
}
