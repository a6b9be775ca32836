import HTTPTypes
import Hummingbird
import Logging
import MizSchema

/// The context of one HTTP request at the gateway: Hummingbird's core plus the trace id that
/// every bus call of the request carries.
package struct GatewayRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The W3C trace id: taken from an incoming `traceparent` header, or made anew.
    package var traceId: String

    package init(source: Source) {
        self.coreContext = .init(source: source)
        self.traceId = Envelope.makeTraceId()
    }
}
