import Foundation
import MizPersian
import MizSchema

/// Checks uploads against the profile's required documents: one file per document, every
/// mandatory one present, type by magic bytes among the accepted ones and agreeing with the
/// file name's extension, size within the limit. Each problem is one Persian `FieldError`
/// keyed `documents.<key>`.
package enum DocumentValidator {
    /// The key a result document is stored under.
    package static let resultKey = "result"
    /// The largest result document an official may attach.
    package static let maximumResultBytes = 20 * 1024 * 1024

    /// The checked documents, or the problems.
    ///
    /// - Parameters:
    ///   - digests: the attachments' digests when the caller has them already, index for index.
    ///   - only: when set (a fix), exactly these document keys must be uploaded.
    package static func validate(
        _ uploads: [DocumentUpload], attachments: [Data], digests: [DocumentDigest]? = nil,
        against documents: [RequiredDocument], only: Set<String>? = nil
    ) -> Result<[NewDocument], BusError> {
        var errors: [FieldError] = []
        var checked: [NewDocument] = []
        var seen: Set<String> = []
        var usedAttachments: Set<Int> = []
        for upload in uploads {
            let field = "documents.\(upload.key)"
            guard let required = documents.first(where: { $0.key == upload.key }) else {
                errors.append(FieldError(field: field, message: "این مدرک در فهرست مدارک این خدمت نیست."))
                continue
            }
            if let only, !only.contains(upload.key) {
                errors.append(FieldError(field: field, message: "بارگذاری دوباره این مدرک خواسته نشده است."))
                continue
            }
            guard seen.insert(upload.key).inserted else {
                errors.append(FieldError(field: field, message: "برای هر مدرک فقط یک فایل بفرستید."))
                continue
            }
            guard attachments.indices.contains(upload.attachment), usedAttachments.insert(upload.attachment).inserted
            else {
                errors.append(
                    FieldError(field: field, message: "فایل «\(required.title)» نرسید؛ دوباره بارگذاری کنید."))
                continue
            }
            switch check(
                attachments[upload.attachment], fileName: upload.fileName, key: upload.key, title: required.title,
                accepted: required.acceptedTypes, maximumBytes: required.maxSizeKB * 1024,
                digest: digests?[upload.attachment])
            {
            case .success(let document): checked.append(document)
            case .failure(let message): errors.append(FieldError(field: field, message: message.message))
            }
        }
        for required in documents where !seen.contains(required.key) {
            let expected = only.map { $0.contains(required.key) } ?? required.mandatory
            if expected, !errors.contains(where: { $0.field == "documents.\(required.key)" }) {
                errors.append(
                    FieldError(field: "documents.\(required.key)", message: "«\(required.title)» را بارگذاری کنید."))
            }
        }
        if !errors.isEmpty {
            return .failure(.invalidInput(errors, message: "برخی از مدارک پذیرفته نشد؛ لطفاً آن‌ها را اصلاح کنید."))
        }
        return .success(checked)
    }

    /// Checks one file against its document's rules; `digest` is its SHA-256 if already known.
    package static func check(
        _ content: Data, fileName: String, key: String, title: String, accepted: [DocumentFileType],
        maximumBytes: Int, digest: DocumentDigest? = nil
    ) -> Result<NewDocument, BusError> {
        let name = cleanFileName(fileName)
        guard !content.isEmpty else { return .failure(BusError(.invalidInput, message: "فایل «\(title)» خالی است.")) }
        guard content.count <= maximumBytes else {
            return .failure(
                BusError(
                    .invalidInput,
                    message:
                        "حجم فایل «\(title)» بیش از حد مجاز (\(PersianDigits.display(maximumBytes / 1024)) کیلوبایت) است."
                ))
        }
        let allowed = accepted.map(FileSignature.persianName).joined(separator: "، ")
        guard let detected = FileSignature.detect(content), accepted.contains(detected) else {
            return .failure(
                BusError(.invalidInput, message: "نوع فایل «\(title)» پذیرفته نیست؛ فقط این نوع‌ها: \(allowed)."))
        }
        if let claimed = FileSignature.claimedType(ofFileName: name), claimed != detected {
            return .failure(
                BusError(
                    .invalidInput,
                    message:
                        "پسوند فایل «\(title)» با محتوای آن سازگار نیست: محتوا \(FileSignature.persianName(detected)) است."
                ))
        }
        let sha256 = (digest ?? DocumentDigest(of: content)).hex
        return .success(NewDocument(key: key, fileName: name, fileType: detected, sha256: sha256, content: content))
    }

    /// The last path component, trimmed and shortened; "document" when nothing is left.
    package static func cleanFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = PersianText.normalizedForDisplay(last).filter { !$0.isNewline && $0 != "\u{0}" }
        return cleaned.isEmpty ? "document" : String(cleaned.prefix(120))
    }
}
