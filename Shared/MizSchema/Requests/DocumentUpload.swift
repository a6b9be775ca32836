/// One uploaded file in a request: which required document it is and which attachment frame
/// of the bus message carries its bytes.
///
/// Files travel as raw attachment frames, never inside JSON; this names them.
public struct DocumentUpload: Codable, Sendable, Equatable {
    /// The required document's key in the service profile, such as `national_card`.
    public var key: String
    /// The file name as the citizen's device gave it; shown only, never trusted for the type.
    public var fileName: String
    /// The index of the attachment frame (0 is the first frame after the payload).
    public var attachment: Int

    /// Makes an upload.
    public init(key: String, fileName: String, attachment: Int) {
        self.key = key
        self.fileName = fileName
        self.attachment = attachment
    }
}
