import Foundation
import MizSchema

/// A checked upload ready to store: its bytes, detected type and digest.
package struct NewDocument: Sendable {
    /// The required document's key, or `result`.
    package var key: String
    /// The cleaned file name.
    package var fileName: String
    /// The type from the magic bytes.
    package var fileType: DocumentFileType
    /// The SHA-256, lowercase hex.
    package var sha256: String
    /// The bytes.
    package var content: Data

    /// Makes the document.
    package init(key: String, fileName: String, fileType: DocumentFileType, sha256: String, content: Data) {
        self.key = key
        self.fileName = fileName
        self.fileType = fileType
        self.sha256 = sha256
        self.content = content
    }
}
