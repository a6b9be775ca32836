import Foundation

/// Somewhere outside the database that keeps documents' bytes by their SHA-256, shared by
/// every instance of the requests service: the edge the stores write to before the
/// transaction whose rows refer to the files.
///
/// Order makes a request whole or absent: a file is made durable first, then the rows that
/// name it are committed. A crash in between leaves only a file no row names, which
/// `DocumentSweeper` removes once it is older than any transaction can be.
package protocol DocumentVault: Sendable {
    /// Makes `content` durable under `sha256` (lowercase hex). Content already kept is reused
    /// and marked as kept now, so a sweep running at the same time leaves it alone.
    ///
    /// - Throws: `DocumentVaultError.digestMismatch` when `sha256` is not the content's.
    func keep(_ content: Data, sha256: String) async throws

    /// The bytes kept under `sha256`, checked against the digest and size its row holds.
    ///
    /// - Throws: `DocumentVaultError.missing` or `.damaged`: never other bytes than the row's.
    func content(sha256: String, size: Int) async throws -> Data

    /// The digests of files last kept before `cutoff`: the candidates of a sweep.
    func files(keptBefore cutoff: Date) async throws -> [String]

    /// Removes the file of `sha256` unless it was kept again at or after `cutoff`.
    ///
    /// - Returns: whether the file was removed.
    func remove(sha256: String, unlessKeptSince cutoff: Date) async throws -> Bool

    /// Removes what writers and sweeps that died mid-way left behind: temporary files older
    /// than `cutoff`, and files a sweep set aside (put back when no other copy is in place).
    ///
    /// - Returns: how many were removed.
    func removeLeftovers(olderThan cutoff: Date) async throws -> Int
}
