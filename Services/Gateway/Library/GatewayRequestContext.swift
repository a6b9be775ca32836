import HTTPTypes
import Hummingbird
import Logging
import MizSchema
import NIOCore

/// The context of one HTTP request at the gateway: Hummingbird's core, the trace id that every
/// bus call of the request carries, and who is calling.
package struct GatewayRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The W3C trace id: taken from an incoming `traceparent` header, or made anew.
    package var traceId: String
    /// The client's address as the connection shows it (never a client-supplied header).
    package var clientAddress: String?
    /// The session the request carried, resolved through `identity.session` by
    /// `AuthMiddleware`; nil for nobody.
    package var session: IdentitySessionStatus?
    /// The token of that session, for logout.
    package var sessionToken: String?
    /// Whether the token came from the session cookie (so a state change needs the CSRF token).
    package var isCookieSession = false

    package init(source: Source) {
        self.coreContext = .init(source: source)
        self.traceId = Envelope.makeTraceId()
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The caller every bus call of this request carries: the session's, or anonymous, with
    /// the client address for the services' rate limits.
    package var caller: Caller {
        var caller = session?.caller ?? .anonymous
        caller.clientAddress = clientAddress
        return caller
    }
}
