/// What is known of a complaint's attached file; the bytes come with
/// `feedback.complaintAttachment` as an attachment frame.
public struct ComplaintAttachment: Codable, Sendable, Equatable {
    /// The type recognized from the file's first bytes (PDF, JPEG or PNG).
    public var fileType: DocumentFileType
    /// The size in bytes.
    public var size: Int
    /// The SHA-256 of the bytes, 64 lowercase hex digits.
    public var sha256: String

    /// Makes the description.
    public init(fileType: DocumentFileType, size: Int, sha256: String) {
        self.fileType = fileType
        self.size = size
        self.sha256 = sha256
    }
}
