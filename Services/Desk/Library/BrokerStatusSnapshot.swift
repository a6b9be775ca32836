/// The broker's `GET /status` answer as the desk reads it: a mirror of the broker's own
/// `BrokerSnapshot` JSON, tolerant of fields it does not know or that are missing.
package struct BrokerStatusSnapshot: Codable, Sendable, Equatable {
    /// One service's figures.
    package struct Service: Codable, Sendable, Equatable {
        /// The MDP service name.
        package var service: String
        /// Workers idle and waiting for a request.
        package var workersReady: Int
        /// Workers serving a request.
        package var workersBusy: Int
        /// Requests waiting for a worker.
        package var queueDepth: Int
        /// Client requests received since the broker started.
        package var requests: Int
        /// Replies forwarded since the broker started.
        package var replies: Int
        /// Requests answered with an error after waiting too long.
        package var expired: Int
        /// Requests refused because the queue was full.
        package var rejected: Int
        /// Requests whose worker vanished while serving them.
        package var lost: Int

        /// Makes a service's figures; counters default to zero.
        package init(
            service: String, workersReady: Int = 0, workersBusy: Int = 0, queueDepth: Int = 0, requests: Int = 0,
            replies: Int = 0, expired: Int = 0, rejected: Int = 0, lost: Int = 0
        ) {
            self.service = service
            self.workersReady = workersReady
            self.workersBusy = workersBusy
            self.queueDepth = queueDepth
            self.requests = requests
            self.replies = replies
            self.expired = expired
            self.rejected = rejected
            self.lost = lost
        }

        /// Decodes the figures, taking a missing one as zero.
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            service = try container.decode(String.self, forKey: .service)
            workersReady = try container.decodeIfPresent(Int.self, forKey: .workersReady) ?? 0
            workersBusy = try container.decodeIfPresent(Int.self, forKey: .workersBusy) ?? 0
            queueDepth = try container.decodeIfPresent(Int.self, forKey: .queueDepth) ?? 0
            requests = try container.decodeIfPresent(Int.self, forKey: .requests) ?? 0
            replies = try container.decodeIfPresent(Int.self, forKey: .replies) ?? 0
            expired = try container.decodeIfPresent(Int.self, forKey: .expired) ?? 0
            rejected = try container.decodeIfPresent(Int.self, forKey: .rejected) ?? 0
            lost = try container.decodeIfPresent(Int.self, forKey: .lost) ?? 0
        }
    }

    /// Every service the broker has seen.
    package var services: [Service]

    /// Makes a snapshot of the given services.
    package init(services: [Service]) {
        self.services = services
    }

    /// One service's figures, if the broker has seen it.
    package func service(_ name: String) -> Service? {
        services.first { $0.service == name }
    }
}
