import Crypto
import Foundation
import MizSchema

/// Checks a complaint's attached file: its type from its first bytes (never a name), its size
/// against the limit, and its SHA-256.
package enum AttachmentInspector {
    /// The attachment described, or a Persian problem on the field `attachment`.
    package static func inspect(_ bytes: Data, maximumBytes: Int) throws(BusError) -> ComplaintAttachment {
        guard !bytes.isEmpty else {
            throw BusError.invalidInput([FieldError(field: "attachment", message: "فایل پیوست خالی است")])
        }
        guard bytes.count <= maximumBytes else {
            let megabytes = PersianNumber.display(Double(maximumBytes) / 1_048_576)
            throw BusError.invalidInput([
                FieldError(field: "attachment", message: "حجم فایل پیوست بیش از \(megabytes) مگابایت است")
            ])
        }
        guard let type = fileType(of: bytes) else {
            throw BusError.invalidInput([
                FieldError(field: "attachment", message: "فایل پیوست باید PDF، JPEG یا PNG باشد")
            ])
        }
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return ComplaintAttachment(fileType: type, size: bytes.count, sha256: digest)
    }

    /// PDF, JPEG or PNG by magic bytes; nil for anything else.
    package static func fileType(of bytes: Data) -> DocumentFileType? {
        let head = [UInt8](bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .pdf }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        return nil
    }
}
