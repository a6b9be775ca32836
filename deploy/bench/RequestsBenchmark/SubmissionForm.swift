import Foundation
import MizSchema

/// The multipart body of `POST /api/v1/requests` for one service and province: the
/// `submission` JSON part (service code, province, applicant, every required field filled
/// with a valid value) and one ~200 KB PDF per required document, named by its key.
struct SubmissionForm {
    /// The multipart boundary.
    static let boundary = "miz-bench-7c1f0a9e"

    /// A PDF of about `kilobytes` KB: a minimal one-page document padded with comment lines.
    static func pdf(kilobytes: Int) -> Data {
        var text = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        text += "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        text += "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
        let line = "% " + String(repeating: "0123456789", count: 7) + "\n"
        while text.utf8.count < kilobytes * 1_024 - 64 { text += line }
        text += "trailer << /Root 1 0 R >>\n%%EOF\n"
        return Data(text.utf8)
    }

    /// The service `code`, or when nil the active service offered in `province` with the
    /// fewest mandatory documents (at least one) that all accept PDF of `kilobytes`.
    static func service(
        _ code: String?, in province: String, from profiles: [ServiceProfile], kilobytes: Int
    ) -> ServiceProfile? {
        let fitting = profiles.filter { profile in
            let mandatory = profile.documents.filter(\.mandatory)
            return profile.active && profile.provinces.includes(province) && !mandatory.isEmpty
                && mandatory.allSatisfy { $0.acceptedTypes.contains(.pdf) && $0.maxSizeKB >= kilobytes }
        }
        if let code { return fitting.first { $0.code == code } }
        return fitting.min { $0.documents.filter(\.mandatory).count < $1.documents.filter(\.mandatory).count }
    }

    /// The body for `applicant`'s application to `profile` in `province`.
    static func body(
        profile: ServiceProfile, province: String, applicant: IdentityVerifyRequest, document: Data
    ) throws -> Data {
        struct Part: Encodable {
            var serviceCode: String
            var province: String
            var applicant: IdentityVerifyRequest
            var fields: [String: String]
        }
        var fields: [String: String] = [:]
        for attribute in profile.fields where attribute.required {
            switch attribute.datatype {
            case .string, .text: fields[attribute.code] = "آزمون بار"
            case .number: fields[attribute.code] = "12"
            case .datetime: fields[attribute.code] = "1403/05/10"
            case .singlevaluelist, .multivaluelist: fields[attribute.code] = attribute.values?.first?.key ?? ""
            }
        }
        let part = Part(serviceCode: profile.code, province: province, applicant: applicant, fields: fields)
        var body = Data()
        func append(_ text: String) { body.append(Data(text.utf8)) }
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"submission\"\r\n")
        append("Content-Type: application/json\r\n\r\n")
        body.append(try JSONEncoder().encode(part))
        append("\r\n")
        for required in profile.documents where required.mandatory {
            append("--\(boundary)\r\n")
            append("Content-Disposition: form-data; name=\"\(required.key)\"; filename=\"\(required.key).pdf\"\r\n")
            append("Content-Type: application/pdf\r\n\r\n")
            body.append(document)
            append("\r\n")
        }
        append("--\(boundary)--\r\n")
        return body
    }
}
