import Foundation
import ZeroMQ

/// The CURVE public keys allowed on the bus: every `*.pub` file in a folder, each holding
/// one Z85 public key.
///
/// The folder is read again whenever a key is not found, so a key added while the broker
/// runs is admitted at its first try; a key removed stays admitted until the next re-read.
package struct AuthorizedKeys {
    /// The folder of `*.pub` files.
    package let folder: URL
    /// The keys read last time.
    package private(set) var keys: Set<String> = []

    /// Reads the keys of a folder; a missing or unreadable folder lists no key.
    package init(folder: URL) {
        self.folder = folder
        reload()
    }

    /// True when the Z85 public key is listed, reading the folder again if it was not.
    package mutating func contains(_ publicKey: String) -> Bool {
        if keys.contains(publicKey) { return true }
        reload()
        return keys.contains(publicKey)
    }

    /// Reads every `*.pub` file of the folder again.
    package mutating func reload() {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        var found: Set<String> = []
        for file in files where file.pathExtension == "pub" {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            found.formUnion(Self.keys(inFileText: text))
        }
        keys = found
    }

    /// The Z85 keys in a key file: a line that is the key itself, or a zcert-style
    /// `public-key = "…"` line; anything else (comments, labels) is ignored. Z85 uses `=`
    /// and `#` itself, so a line is tried as a bare key before anything else.
    package static func keys(inFileText text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if CurveKeyPair.isZ85Key(trimmed) { return trimmed }
            guard trimmed.hasPrefix("public-key"), let equals = trimmed.firstIndex(of: "=") else { return nil }
            let value = trimmed[trimmed.index(after: equals)...]
                .trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return CurveKeyPair.isZ85Key(value) ? value : nil
        }
    }
}
