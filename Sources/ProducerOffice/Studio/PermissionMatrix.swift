import Yams

/// Who may do what: for each ``StudioRole``, the ``StudioPermission``s it holds.
///
/// The standard matrix is data (`permissions.yaml`, embedded), read once.
public struct PermissionMatrix: Hashable, Sendable, Codable {
    /// Each role's permissions; a role absent may do nothing.
    public var grants: [StudioRole: Set<StudioPermission>]

    public init(grants: [StudioRole: Set<StudioPermission>]) { self.grants = grants }

    /// Whether `role` may do `permission`.
    public func allows(_ role: StudioRole, _ permission: StudioPermission) -> Bool {
        grants[role]?.contains(permission) ?? false
    }

    /// The matrix the server uses, from the embedded `permissions.yaml`.
    public static let standard: PermissionMatrix =
        (try? PermissionMatrix(yaml: PackageResources.permissions_yaml))
        ?? PermissionMatrix(grants: [:])

    /// Reads a matrix written as `role: [permission, …]`, refusing unknown roles and permissions.
    public init(yaml bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let root = try Yams.load(yaml: text) as? [String: [String]] else {
            throw StudioStoreError(.invalid, "the permission matrix is not a map of roles to lists")
        }
        var grants: [StudioRole: Set<StudioPermission>] = [:]
        for (name, list) in root {
            guard let role = StudioRole(rawValue: name) else {
                throw StudioStoreError(.invalid, "the permission matrix names an unknown role \"\(name)\"")
            }
            grants[role] = try Set(
                list.map { word in
                    guard let permission = StudioPermission(rawValue: word) else {
                        throw StudioStoreError(
                            .invalid, "the permission matrix names an unknown permission \"\(word)\"")
                    }
                    return permission
                })
        }
        self.grants = grants
    }
}
