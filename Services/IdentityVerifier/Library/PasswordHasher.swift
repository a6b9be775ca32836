import Dispatch
import HummingbirdBcrypt

/// bcrypt of staff passwords (hummingbird-auth's HummingbirdBcrypt), run on a Dispatch queue
/// so a slow hash (about a quarter second at cost 12) never blocks the cooperative pool that
/// serves other calls.
package struct PasswordHasher: Sendable {
    /// bcrypt's cost: 12 in production; tests use bcrypt's minimum, 4.
    package let cost: UInt8

    package init(cost: UInt8 = 12) {
        self.cost = cost
    }

    /// The bcrypt hash of `password`, with a fresh salt.
    package func hash(_ password: String) async -> String {
        let cost = self.cost
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Bcrypt.hash(password, cost: cost))
            }
        }
    }

    /// Whether `password` matches `hash`.
    package func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Bcrypt.verify(password, hash: hash))
            }
        }
    }
}
