import Foundation
import MizSchema

/// What both request stores do with documents' bytes around their transactions, so that the
/// SQLite and PostgreSQL stores keep and serve them alike.
enum DocumentKeeping {
    /// Keeps the documents' bytes in `vault` before the transaction that refers to them.
    ///
    /// - Returns: where the rows say the bytes are: the folder with a vault, else the database.
    /// - Throws: `RequestStoreError.documentNotKept` when the vault fails; nothing is stored.
    static func keep(_ documents: [NewDocument], in vault: (any DocumentVault)?) async throws -> DocumentStorage {
        guard let vault else { return .database }
        for document in documents {
            do {
                try await vault.keep(document.content, sha256: document.sha256)
            } catch {
                throw RequestStoreError.documentNotKept(reason: "\(error)")
            }
        }
        return .folder
    }

    /// The bytes of a stored document: from its row, or from `vault` checked against the row.
    ///
    /// - Throws: `RequestStoreError.documentUnavailable`; never bytes other than the row's.
    static func bytes(
        of document: RequestDocument, storage: String, inline: Data?, vault: (any DocumentVault)?
    ) async throws -> Data {
        switch DocumentStorage(rawValue: storage) {
        case .database:
            guard let inline else {
                throw RequestStoreError.documentUnavailable(
                    documentId: document.documentId, reason: "row has no content")
            }
            return inline
        case .folder:
            guard let vault else {
                throw RequestStoreError.documentUnavailable(
                    documentId: document.documentId,
                    reason: "file \(document.sha256) is in a documents folder; this instance has no --documents-folder")
            }
            do {
                return try await vault.content(sha256: document.sha256, size: document.size)
            } catch {
                throw RequestStoreError.documentUnavailable(documentId: document.documentId, reason: "\(error)")
            }
        case nil:
            throw RequestStoreError.unreadable("document \(document.documentId) storage \(storage)")
        }
    }
}
