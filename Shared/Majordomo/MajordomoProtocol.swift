import Foundation

/// The constants of 7/MDP, the Majordomo Protocol (rfc.zeromq.org/spec/7).
package enum MajordomoProtocol {
    /// The protocol header a client puts in every message: "MDPC01".
    package static let clientHeader = Data("MDPC01".utf8)
    /// The protocol header a worker puts in every message: "MDPW01".
    package static let workerHeader = Data("MDPW01".utf8)
    /// The prefix of the broker's own service-discovery routes (8/MMI).
    package static let internalServicePrefix = "mmi."
    /// The MMI route that tells whether a service has workers.
    package static let serviceDiscovery = "mmi.service"
}

/// Why a message could not be read as 7/MDP.
package struct MajordomoProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, for the log line of the peer that sent it.
    package let reason: String

    package init(_ reason: String) { self.reason = reason }

    package var description: String { reason }
}
