/// A document the citizen uploads with a request (مدرک مورد نیاز): one file per document.
public struct RequiredDocument: Codable, Sendable, Equatable {
    /// A stable key within the profile, such as `national_card`; a request's upload names it.
    public var key: String
    /// The title shown beside the upload button.
    public var title: String
    /// What exactly to upload, in Persian.
    public var description: String
    /// The file types accepted; the requests service checks them by magic bytes.
    public var acceptedTypes: [DocumentFileType]
    /// The largest file accepted, in kilobytes (1024 bytes).
    public var maxSizeKB: Int
    /// Whether a request cannot be submitted without it.
    public var mandatory: Bool

    /// Makes a required document.
    public init(
        key: String,
        title: String,
        description: String,
        acceptedTypes: [DocumentFileType],
        maxSizeKB: Int,
        mandatory: Bool
    ) {
        self.key = key
        self.title = title
        self.description = description
        self.acceptedTypes = acceptedTypes
        self.maxSizeKB = maxSizeKB
        self.mandatory = mandatory
    }
}
