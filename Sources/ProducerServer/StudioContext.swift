import Hummingbird
import HummingbirdAuth
import NIOCore
import ProducerOffice

/// What the server knows about a request while handling it: who is signed in (hummingbird-auth's
/// identity), by which sign-in, and the visitor's CSRF token.
public struct StudioContext: AuthRequestContext, RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, set by ``SignInAuthenticator``.
    public var identity: Account?
    /// The sign-in the account came with.
    public var signIn: SignInSession?
    /// True when the account came with an `Authorization: Bearer` token rather than the cookie:
    /// such requests carry no ambient credential, so they need no CSRF token.
    public var signedInByBearer = false
    /// The visitor's CSRF token (double-submit cookie), set by ``CSRFMiddleware``; every form
    /// sends it back as `_csrf`.
    public var csrfToken = ""
    /// The client's address (the sign-in throttle counts failures per address); nil in tests
    /// that run the router without a socket.
    public var remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms and JSON bodies read whole are small; uploads stream and have their own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
