/// Where a document's bytes are kept, as its row records it (`document.storage`).
///
/// Rows stored before an operator chose a folder keep their bytes in the database and are
/// served from there; rows stored since go where the operator chose, so one request's files
/// may sit in both places.
package enum DocumentStorage: String, Sendable, Equatable {
    /// In the row itself (`content`, a BLOB or `bytea`), written in the request's transaction.
    case database
    /// In the documents folder, under the file's SHA-256, written before the transaction.
    case folder
}
