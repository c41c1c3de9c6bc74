/// The songs part's work behind its routes — uploads, the player, comments, approvals — with
/// what it needs of the server (a value the route handlers capture).
struct SongDesk: Sendable {
    let services: StudioServices
    let configuration: StudioServer.Configuration
}
