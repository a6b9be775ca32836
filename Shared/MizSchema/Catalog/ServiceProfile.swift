import Foundation

/// A service's card (شناسنامه خدمت) as one version of it stands: what the service is, who may
/// ask, what to upload, which form to fill, how long it takes, what it costs, on what legal
/// basis, in which steps, by whom and where.
///
/// Profiles are versioned: every edit (and a deactivation) stores a new version, and older
/// versions stay readable, because a request names the version it was made under and must be
/// judged by the rules of that version.
public struct ServiceProfile: Codable, Sendable, Equatable {
    /// The stable service code, such as `rangeland-grazing-licence-issue`; never reused.
    public var code: String
    /// The version of this card, from 1; each edit adds one.
    public var version: Int
    /// The published title, such as «صدور پروانه مرتعداری».
    public var title: String
    /// One or two sentences for lists and search results.
    public var summary: String
    /// The full description; may hold several paragraphs separated by newlines.
    public var description: String
    /// The key of the service's `CatalogCategory`, such as `rangeland`.
    public var category: String
    /// Other words people use for the service; search weighs them right after the title.
    public var keywords: [String]
    /// Who may ask for the service (گیرندگان خدمت), in Persian.
    public var audience: String
    /// Sovereign, operational or support, as the national catalogue classifies services.
    public var nature: ServiceNature
    /// The kinds of recipient the service is offered to (G2C, G2B, G2G); several may apply.
    public var recipientType: [RecipientType]
    /// The administrative level that decides the service.
    public var level: ServiceLevel
    /// How far the service is electronic.
    public var electronicLevel: ElectronicLevel
    /// How many times the citizen must still come to an office; 0 when never.
    public var inPersonVisits: Int
    /// Why an in-person visit is needed; set when `inPersonVisits` is above 0.
    public var inPersonReason: String?
    /// The documents the citizen uploads, one file each.
    public var documents: [RequiredDocument]
    /// The form the citizen fills, as Open311 attributes.
    public var fields: [FormAttribute]
    /// The time to deliver the result, in working days.
    public var processingDays: Int
    /// What the service costs and how it is paid.
    public var fee: Fee
    /// The laws, regulations and instructions the service rests on.
    public var legalBasis: [String]
    /// The steps of the process, in order, in Persian.
    public var steps: [String]
    /// The unit that answers for the service.
    public var responsibleUnit: String
    /// The provinces whose desk offers the service.
    public var provinces: ProvinceAvailability
    /// How often one person may use the service.
    public var frequency: ServiceFrequency
    /// Whether the service starts on the citizen's request or on a set date.
    public var startsOn: ServiceStart
    /// Whether citizens may find and ask for the service.
    public var active: Bool
    /// Which values are editable defaults rather than published facts, for the administrators.
    public var defaultsNote: String?
    /// When this version was stored (UTC, whole seconds).
    public var updatedAt: Date

    /// Makes a profile from the editable part, the version number and the time it is stored.
    public init(draft: ServiceProfileDraft, version: Int, active: Bool, updatedAt: Date) {
        self.code = draft.code
        self.version = version
        self.title = draft.title
        self.summary = draft.summary
        self.description = draft.description
        self.category = draft.category
        self.keywords = draft.keywords
        self.audience = draft.audience
        self.nature = draft.nature
        self.recipientType = draft.recipientType
        self.level = draft.level
        self.electronicLevel = draft.electronicLevel
        self.inPersonVisits = draft.inPersonVisits
        self.inPersonReason = draft.inPersonReason
        self.documents = draft.documents
        self.fields = draft.fields
        self.processingDays = draft.processingDays
        self.fee = draft.fee
        self.legalBasis = draft.legalBasis
        self.steps = draft.steps
        self.responsibleUnit = draft.responsibleUnit
        self.provinces = draft.provinces
        self.frequency = draft.frequency
        self.startsOn = draft.startsOn
        self.active = active
        self.defaultsNote = draft.defaultsNote
        self.updatedAt = updatedAt
    }

    /// The editable part of this version, as an administrator starts an edit from it.
    public var draft: ServiceProfileDraft {
        ServiceProfileDraft(
            code: code, title: title, summary: summary, description: description, category: category,
            keywords: keywords, audience: audience, nature: nature, recipientType: recipientType,
            level: level, electronicLevel: electronicLevel, inPersonVisits: inPersonVisits,
            inPersonReason: inPersonReason, documents: documents, fields: fields,
            processingDays: processingDays, fee: fee, legalBasis: legalBasis, steps: steps,
            responsibleUnit: responsibleUnit, provinces: provinces, frequency: frequency,
            startsOn: startsOn, defaultsNote: defaultsNote)
    }
}
