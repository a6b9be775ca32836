import Foundation

/// A stored file of a request: an uploaded document or the result, described (its bytes
/// travel as an attachment frame of `requests.document` and `requests.result`).
public struct RequestDocument: Codable, Sendable, Equatable {
    /// The document's id.
    public var documentId: String
    /// The required document's key, or `result` for the official's result document.
    public var key: String
    /// The file name as uploaded.
    public var fileName: String
    /// The type detected from the file's first bytes.
    public var fileType: DocumentFileType
    /// The size in bytes.
    public var size: Int
    /// The SHA-256 of the bytes, lowercase hex.
    public var sha256: String
    /// When it was stored.
    public var uploadedAt: Date
    /// False once a fix replaced it; replaced files stay readable for the record.
    public var current: Bool

    /// Makes the description.
    public init(
        documentId: String, key: String, fileName: String, fileType: DocumentFileType, size: Int, sha256: String,
        uploadedAt: Date, current: Bool
    ) {
        self.documentId = documentId
        self.key = key
        self.fileName = fileName
        self.fileType = fileType
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
        self.current = current
    }
}
