/// Everything a `BrokerServer` needs to start: where to listen, the routing policy and,
/// optionally, CURVE security.
package struct BrokerServerConfiguration: Sendable, Equatable {
    /// Endpoints to bind, tcp or ipc, such as `tcp://127.0.0.1:5555` or `tcp://127.0.0.1:*`.
    package var endpoints: [String]
    /// Heartbeats, queue bound and maximum wait.
    package var policy: BrokerPolicy
    /// CURVE server keys and allow-list; nil for plain TCP (the caller warns about it).
    package var curve: BrokerCurveConfiguration?
    /// The most messages read in one wake-up before timers and ZAP get a turn.
    package var batchLimit: Int

    /// Makes a configuration; the defaults serve a local run.
    package init(
        endpoints: [String] = ["tcp://127.0.0.1:5555"],
        policy: BrokerPolicy = BrokerPolicy(),
        curve: BrokerCurveConfiguration? = nil,
        batchLimit: Int = 4_096
    ) {
        self.endpoints = endpoints
        self.policy = policy
        self.curve = curve
        self.batchLimit = max(batchLimit, 1)
    }
}
