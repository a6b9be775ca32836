import Foundation
import MizRuntime
import ZeroMQ

/// What makes the broker a CURVE server: its own key pair and the folder of client public
/// keys it admits (DESIGN.md, "Security").
package struct BrokerCurveConfiguration: Sendable, Equatable {
    /// The broker's key pair; clients need its public key.
    package var serverKeys: CurveKeyPair
    /// The folder of `*.pub` files listing the admitted client keys.
    package var authorizedKeysFolder: URL

    /// Makes a configuration from a key pair and an allow-list folder.
    package init(serverKeys: CurveKeyPair, authorizedKeysFolder: URL) {
        self.serverKeys = serverKeys
        self.authorizedKeysFolder = authorizedKeysFolder
    }

    /// The broker's public key in Z85, for clients and the log.
    package var serverPublicKey: String { serverKeys.publicKey }

    /// The broker's keys and allow-list from the keys folder that every process shares:
    /// `broker.key`/`broker.pub` (made on a local run's first start) and `authorized/*.pub`.
    package init(keyStore: CurveKeyStore) throws {
        self.init(serverKeys: try keyStore.brokerKeys(), authorizedKeysFolder: keyStore.authorizedFolder)
    }
}
