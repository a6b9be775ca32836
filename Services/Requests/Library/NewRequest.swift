import Foundation
import MizSchema

/// Everything a submit stores, checked: written in one transaction with its documents, its
/// history, its outbox event and its audit line, or not at all.
package struct NewRequest: Sendable {
    package var id: String
    /// The Jalali year and province number the process number is drawn in.
    package var year: Int
    package var provinceNumber: String
    package var trackingHash: String
    package var profile: ServiceProfile
    package var province: String
    package var applicant: RequestApplicant
    package var fields: [String: String]
    package var documents: [NewDocument]
    package var submittedAt: Date
    package var dueAt: Date
    /// Who acted, for history and audit: `citizen:<national code>`.
    package var actor: String
    /// The SMS with the numbers; its parameters are completed with the process number.
    package var trackingCode: String

    /// Makes the request.
    package init(
        id: String, year: Int, provinceNumber: String, trackingHash: String, profile: ServiceProfile,
        province: String, applicant: RequestApplicant, fields: [String: String], documents: [NewDocument],
        submittedAt: Date, dueAt: Date, actor: String, trackingCode: String
    ) {
        self.id = id
        self.year = year
        self.provinceNumber = provinceNumber
        self.trackingHash = trackingHash
        self.profile = profile
        self.province = province
        self.applicant = applicant
        self.fields = fields
        self.documents = documents
        self.submittedAt = submittedAt
        self.dueAt = dueAt
        self.actor = actor
        self.trackingCode = trackingCode
    }
}
