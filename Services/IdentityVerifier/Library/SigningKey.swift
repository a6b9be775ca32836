import Crypto
import Foundation

/// The identity service's secret: 32 random bytes in `identity-session.key` of the keys
/// folder, made on first start with mode 0600 and never logged. Instances sharing the keys
/// folder share it, so any instance checks any instance's tokens. Two keys are derived from
/// it, one to sign session tokens and one to hash login codes, so neither use can forge the
/// other.
package struct SigningKey: Sendable {
    /// The file's name inside the keys folder.
    package static let fileName = "identity-session.key"

    /// Signs session tokens.
    package let sessions: SymmetricKey
    /// Hashes login codes (HMAC of challenge id and code).
    package let loginCodes: SymmetricKey

    /// Derives the two keys from the secret bytes.
    package init(secret: SymmetricKey) {
        sessions = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, info: Data("miz identity session tokens v1".utf8), outputByteCount: 32)
        loginCodes = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: secret, info: Data("miz identity login codes v1".utf8), outputByteCount: 32)
    }

    /// Reads the secret from `folder`, making it (mode 0600) when missing.
    ///
    /// - Throws: when the file exists but is not 32 bytes, or cannot be written.
    package static func loadOrCreate(in folder: URL) throws -> SigningKey {
        let url = folder.appendingPathComponent(fileName)
        let files = FileManager.default
        if let data = files.contents(atPath: url.path) {
            guard data.count == 32 else { throw SigningKeyError.malformed(url.path) }
            return SigningKey(secret: SymmetricKey(data: data))
        }
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        let secret = SymmetricKey(size: .bits256)
        let bytes = secret.withUnsafeBytes { Data($0) }
        guard files.createFile(atPath: url.path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw SigningKeyError.unwritable(url.path)
        }
        return SigningKey(secret: secret)
    }
}

/// Why the signing key could not be had.
package enum SigningKeyError: Error, CustomStringConvertible {
    case malformed(String)
    case unwritable(String)

    package var description: String {
        switch self {
        case .malformed(let path): "the session signing key \(path) is not 32 bytes"
        case .unwritable(let path): "the session signing key \(path) cannot be written"
        }
    }
}
