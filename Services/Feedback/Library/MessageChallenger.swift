import Crypto
import Foundation
import MizPersian
import MizSchema

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The challenge a sender over the message rate answers: a small sum in Persian digits that
/// needs no JavaScript, checked without storing the question.
///
/// The token is `<expiry>.<nonce>.<mac>` where the mac is HMAC-SHA256, under a key kept in the
/// service's data folder, of the expiry, the nonce, the answer and the client's address: the
/// answer is never in the token, a token is good only until its expiry and only for the
/// address it was given to. Each instance sharing the data folder shares the key, so any
/// instance checks any token. A token is spent when a message is stored with it.
package struct MessageChallenger: Sendable {
    /// The key file's name inside the data folder.
    package static let keyFileName = "feedback-challenge.key"

    private let key: SymmetricKey

    /// A challenger with `key`.
    package init(key: SymmetricKey) {
        self.key = key
    }

    /// A challenger with the key of `folder`, made (32 random bytes, mode 0600) when missing.
    package static func loadingKey(from folder: URL) throws -> MessageChallenger {
        let file = folder.appendingPathComponent(keyFileName)
        if !FileManager.default.fileExists(atPath: file.path) {
            let temporary = folder.appendingPathComponent(".\(keyFileName).\(UUID().uuidString)")
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            try bytes.write(to: temporary)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
            defer { try? FileManager.default.removeItem(at: temporary) }
            // link(2) fails when another instance made the key first; theirs is then used.
            if link(temporary.path, file.path) != 0 && errno != EEXIST {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
        }
        let stored = try Data(contentsOf: file)
        guard stored.count == 32 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: file.path])
        }
        return MessageChallenger(key: SymmetricKey(data: stored))
    }

    /// A new question for `clientAddress`, valid for `lifetime` from `now`.
    package func challenge(clientAddress: String, now: Date, lifetime: TimeInterval) -> MessageChallenge {
        let first = Int.random(in: 2...9)
        let second = Int.random(in: 2...9)
        let expiry = Int64((now.timeIntervalSince1970 + lifetime).rounded(.up))
        let nonce = TrackingNumber.make(groups: 2).replacingOccurrences(of: "-", with: "")
        let mac = self.mac(expiry: expiry, nonce: nonce, answer: first + second, clientAddress: clientAddress)
        let question =
            "حاصل \(PersianDigits.display(first)) به‌علاوهٔ \(PersianDigits.display(second)) چند می‌شود؟"
        return MessageChallenge(
            question: question, token: "\(expiry).\(nonce).\(mac)",
            expiresAt: Date(timeIntervalSince1970: Double(expiry)))
    }

    /// Why an answer is not accepted.
    package enum Refusal: Error, Sendable, Equatable {
        /// The token is not one of ours, or belongs to another address.
        case malformed
        /// The token's time is up.
        case expired
        /// The answer is wrong.
        case wrongAnswer
    }

    /// Checks `answer` (any digits) against `token` for `clientAddress` at `now`.
    ///
    /// - Returns: the token's identity to spend: its nonce and expiry.
    package func verify(token: String, answer: String, clientAddress: String, now: Date) throws(Refusal) -> (
        nonce: String, expiresAt: Date
    ) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let expiry = Int64(parts[0]), parts[1].count == 8, parts[2].count == 64 else {
            throw .malformed
        }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired }
        guard let value = PersianDigits.parseInteger(answer.trimmingCharacters(in: .whitespacesAndNewlines)),
            (0...100).contains(value)
        else { throw .wrongAnswer }
        let expected = mac(expiry: expiry, nonce: parts[1], answer: value, clientAddress: clientAddress)
        guard constantTimeEqual(expected, parts[2]) else {
            // Either the answer is wrong or the token was forged or made for someone else; the
            // sender is told the answer is wrong and gets a new question either way.
            throw .wrongAnswer
        }
        return (parts[1], Date(timeIntervalSince1970: Double(expiry)))
    }

    /// A keyed hash of a client address, so the rate limit counts per address without the
    /// database keeping the address itself.
    package func clientKey(for clientAddress: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data("client|\(clientAddress)".utf8), using: key)
            .map { String(format: "%02x", $0) }.joined()
    }

    private func mac(expiry: Int64, nonce: String, answer: Int, clientAddress: String) -> String {
        let message = Data("v1|\(expiry)|\(nonce)|\(answer)|\(clientAddress)".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: key).map { String(format: "%02x", $0) }
            .joined()
    }

    private func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
