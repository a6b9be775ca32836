import Foundation
import ZeroMQ

/// The folder of CURVE keys for a local run or a deployment.
///
/// Layout: `broker.key` and `broker.pub` (the broker's pair), `<name>.key` for each process
/// kind (its secret key), and `authorized/<name>.pub`, the public keys the broker admits. A
/// local run makes missing keys on first start; a deployment mounts the folder read-only
/// from its secrets, and a missing key is then an error that names the file.
package struct CurveKeyStore: Sendable {
    /// The folder.
    package let folder: URL

    package init(folder: URL) {
        self.folder = folder
    }

    /// Where the broker's admitted public keys are.
    package var authorizedFolder: URL { folder.appendingPathComponent("authorized", isDirectory: true) }

    /// The broker's key pair, made on first use.
    package func brokerKeys() throws -> CurveKeyPair {
        try keyPair(named: "broker", authorize: false)
    }

    /// The broker's public key, for clients and workers: `broker.pub` when it is there, so a
    /// machine that runs only services needs no broker secret; otherwise (a local first start)
    /// the broker's pair, made on first use.
    package func brokerPublicKey() throws -> String {
        let publicFile = folder.appendingPathComponent("broker.pub")
        if let text = try? String(contentsOf: publicFile, encoding: .utf8) {
            let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard CurveKeyPair.isZ85Key(key) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: publicFile.path])
            }
            return key
        }
        return try brokerKeys().publicKey
    }

    /// The key pair of a process kind (`gateway`, `catalog`, …), made on first use together
    /// with its entry on the broker's allow-list.
    package func clientKeys(named name: String) throws -> CurveKeyPair {
        try keyPair(named: name, authorize: true)
    }

    /// A key pair stored as `<name>.key`; when missing it is made and written atomically, so
    /// processes starting together agree on one pair.
    private func keyPair(named name: String, authorize: Bool) throws -> CurveKeyPair {
        let secretFile = folder.appendingPathComponent("\(name).key")
        let keys: CurveKeyPair
        if let existing = try? String(contentsOf: secretFile, encoding: .utf8) {
            keys = try CurveKeyPair(secretKey: existing.trimmingCharacters(in: .whitespacesAndNewlines))
        } else {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let made = try CurveKeyPair.generate()
            try writeOnce(made.secretKey + "\n", to: secretFile, permissions: 0o600)
            let stored = try String(contentsOf: secretFile, encoding: .utf8)
            keys = try CurveKeyPair(secretKey: stored.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let publicFile =
            authorize
            ? authorizedFolder.appendingPathComponent("\(name).pub")
            : folder.appendingPathComponent("\(name).pub")
        if (try? String(contentsOf: publicFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            != keys.publicKey
        {
            try FileManager.default.createDirectory(
                at: publicFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((keys.publicKey + "\n").utf8).write(to: publicFile, options: .atomic)
        }
        return keys
    }

    /// Writes the file only if it does not exist yet (link(2) of a temporary file fails when
    /// another process won the race).
    private func writeOnce(_ text: String, to file: URL, permissions: Int) throws {
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        try Data(text.utf8).write(to: temporary)
        try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: temporary.path)
        defer { try? FileManager.default.removeItem(at: temporary) }
        if link(temporary.path, file.path) != 0 && errno != EEXIST {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
    }
}
