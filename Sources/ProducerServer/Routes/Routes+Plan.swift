import Hummingbird

extension Routes {
    func addPlanRoutes() {}
}
