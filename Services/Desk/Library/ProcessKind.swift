/// The kinds of process `desk up` runs, in the order it starts them: the broker first, then
/// the gateway, then the five services.
package enum ProcessKind: String, CaseIterable, Codable, Sendable, Comparable {
    case broker
    case gateway
    case catalog
    case requests
    case identityVerifier = "identity-verifier"
    case feedback
    case notifier

    /// The executable's file name in the `--bin` folder; also the name shown in tables.
    package var executable: String { rawValue }

    /// The MDP service name the broker knows the process by, or nil for the broker and the
    /// gateway, which are not workers.
    package var busService: String? {
        switch self {
        case .broker, .gateway: nil
        case .identityVerifier: "identity"
        case .catalog, .requests, .feedback, .notifier: rawValue
        }
    }

    /// True for the services `desk scale` may run several instances of.
    package var isScalable: Bool { busService != nil }

    /// The services `desk scale` accepts, in table order.
    package static var scalable: [ProcessKind] { allCases.filter(\.isScalable) }

    /// The kind named by an operator: an executable name (`identity-verifier`) or a bus service
    /// name (`identity`).
    package init?(operatorName name: String) {
        let lowered = name.lowercased()
        if let kind = ProcessKind(rawValue: lowered) {
            self = kind
        } else if let kind = ProcessKind.allCases.first(where: { $0.busService == lowered }) {
            self = kind
        } else {
            return nil
        }
    }

    /// The kind that serves a bus service, if one of the desk's does.
    package init?(busService: String) {
        guard let kind = ProcessKind.allCases.first(where: { $0.busService == busService }) else { return nil }
        self = kind
    }

    /// The start order: broker, gateway, then the services.
    package static func < (lhs: ProcessKind, rhs: ProcessKind) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { ProcessKind.allCases.firstIndex(of: self) ?? 0 }
}
