import Hummingbird

extension Routes {
    func addAccountRoutes() {}
}
