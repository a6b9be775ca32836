/// The broker's state for a status page: every service it has seen, by name.
package struct BrokerSnapshot: Codable, Sendable, Equatable {
    /// The services, sorted by name.
    package var services: [ServiceStatus]

    /// Makes a snapshot of the given services.
    package init(services: [ServiceStatus] = []) {
        self.services = services
    }

    /// All workers known, idle or busy.
    package var workerCount: Int { services.reduce(0) { $0 + $1.workersReady + $1.workersBusy } }

    /// The status of one service, if the broker has seen it.
    package func service(_ name: String) -> ServiceStatus? {
        services.first { $0.service == name }
    }
}
