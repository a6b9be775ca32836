import CZeroMQ
import Foundation

/// A CURVE key pair in Z85 text (40 characters each), as `zmq_curve_keypair` makes them.
///
/// Every TCP link of the bus is encrypted with CURVE: the broker holds a server pair, each
/// process a client pair whose public key the broker must list.
package struct CurveKeyPair: Sendable, Hashable, Codable {
    /// The public key, safe to share and to list on the broker's allow-list.
    package let publicKey: String
    /// The secret key: never logged, kept in a file readable only by its owner.
    package let secretKey: String

    package init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Makes a new random key pair.
    package static func generate() throws(ZMQError) -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        if zmq_curve_keypair(&publicKey, &secretKey) != 0 { throw ZMQError.last("zmq_curve_keypair") }
        return CurveKeyPair(publicKey: String(z85: publicKey), secretKey: String(z85: secretKey))
    }

    /// Derives the key pair of a secret key.
    package init(secretKey: String) throws(ZMQError) {
        guard Self.isZ85Key(secretKey) else {
            throw ZMQError(operation: "zmq_curve_public: not a 40-character Z85 key", code: EINVAL)
        }
        var publicKey = [CChar](repeating: 0, count: 41)
        if zmq_curve_public(&publicKey, secretKey) != 0 { throw ZMQError.last("zmq_curve_public") }
        self.init(publicKey: String(z85: publicKey), secretKey: secretKey)
    }

    /// True when the text is a 40-character Z85 key.
    package static func isZ85Key(_ text: String) -> Bool {
        let alphabet = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#")
        return text.count == 40 && text.allSatisfy { alphabet.contains($0) }
    }

    /// The 32 raw bytes of a Z85 key, as a ZAP request carries it.
    package static func z85Encode(rawKey: Data) -> String? {
        guard rawKey.count == 32 else { return nil }
        var text = [CChar](repeating: 0, count: 41)
        let ok = rawKey.withUnsafeBytes { raw in
            zmq_z85_encode(&text, raw.bindMemory(to: UInt8.self).baseAddress, 32) != nil
        }
        return ok ? String(z85: text) : nil
    }
}

extension String {
    fileprivate init(z85 characters: [CChar]) {
        self = String(decoding: characters.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension ZMQSocket {
    /// Makes this socket a CURVE server with the given key pair; connecting peers are then
    /// checked by the ZAP handler of `domain`.
    package func makeCurveServer(_ keys: CurveKeyPair, zapDomain: String = "miz") throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVER, 1)
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(keys.secretKey.utf8) + [0])
        try setOption(ZMQ_ZAP_DOMAIN, bytes: Array(zapDomain.utf8))
    }

    /// Makes this socket a CURVE client of the server whose public key is given.
    package func makeCurveClient(_ keys: CurveKeyPair, serverPublicKey: String) throws(ZMQError) {
        try setOption(ZMQ_CURVE_SERVERKEY, bytes: Array(serverPublicKey.utf8) + [0])
        try setOption(ZMQ_CURVE_PUBLICKEY, bytes: Array(keys.publicKey.utf8) + [0])
        try setOption(ZMQ_CURVE_SECRETKEY, bytes: Array(keys.secretKey.utf8) + [0])
    }
}
