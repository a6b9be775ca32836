import Foundation

/// A citizen's answers to the request form while they go from step to step: the applicant's
/// details as typed, the province and the form's answers.
///
/// The gateway keeps no state between requests, so the draft travels in one hidden field
/// (`draft`) of every step's form, as base64url JSON, and is posted back with the next step.
/// It is never trusted: the requests service checks every answer again when the request is
/// submitted, so a changed draft can only make the submission fail with its Persian errors.
package struct RequestDraft: Codable, Sendable, Equatable {
    /// The applicant-details fields as typed (`nationalCode`, `firstName`, `birthYear`, …).
    package var applicant: [String: String] = [:]
    /// The province's slug.
    package var province: String?
    /// The form's answers by attribute code (a multi-choice answer is its keys joined by commas).
    package var fields: [String: String] = [:]

    package init() {}

    /// The draft of a hidden field; an empty draft when absent or unreadable.
    package init(encoded: String?) {
        guard let encoded, encoded.count <= 200_000 else { return }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        guard let data = Data(base64Encoded: base64),
            let draft = try? JSONDecoder().decode(RequestDraft.self, from: data)
        else { return }
        self = draft
    }

    /// The draft for a hidden field: base64url without padding.
    package var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The applicant's fields as a form body, for the applicant-details partial.
    var applicantForm: WebForm {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        let body = applicant.sorted { $0.key < $1.key }.map { key, value in
            "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
        return WebForm(body)
    }

    /// The applicant-details field names the draft keeps.
    static let applicantKeys = [
        "nationalCode", "firstName", "lastName", "mobile", "birthYear", "birthMonth", "birthDay", "birthDateText",
    ]
}
