import ZeroMQ

/// The CURVE settings of a bus peer: its own key pair and the broker's public key.
package struct BusCurve: Sendable, Equatable {
    /// This process's key pair; its public key must be on the broker's allow-list.
    package var keys: CurveKeyPair
    /// The broker's public key.
    package var brokerPublicKey: String

    package init(keys: CurveKeyPair, brokerPublicKey: String) {
        self.keys = keys
        self.brokerPublicKey = brokerPublicKey
    }
}

extension ZMQSocket {
    /// Applies CURVE when configured; a nil configuration leaves the link in plain text.
    func applyCurve(_ curve: BusCurve?) throws(ZMQError) {
        guard let curve else { return }
        try makeCurveClient(curve.keys, serverPublicKey: curve.brokerPublicKey)
    }
}
