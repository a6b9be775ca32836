/// The part of a `ServiceProfile` an administrator writes: everything but the version, the
/// active flag and the time stored, which the catalog sets.
///
/// `catalog.create` takes a draft for a new code; `catalog.edit` takes a draft that becomes
/// the next version of an existing code. Field names are those of `ServiceProfile`.
public struct ServiceProfileDraft: Codable, Sendable, Equatable {
    /// The stable service code: lowercase Latin letters, digits and single hyphens.
    public var code: String
    /// The published title.
    public var title: String
    /// One or two sentences for lists and search results.
    public var summary: String
    /// The full description; paragraphs separated by newlines.
    public var description: String
    /// The key of an existing `CatalogCategory`.
    public var category: String
    /// Other words people use for the service.
    public var keywords: [String]
    /// Who may ask for the service, in Persian.
    public var audience: String
    /// Sovereign, operational or support.
    public var nature: ServiceNature
    /// The kinds of recipient (G2C, G2B, G2G); at least one.
    public var recipientType: [RecipientType]
    /// The administrative level that decides the service.
    public var level: ServiceLevel
    /// How far the service is electronic.
    public var electronicLevel: ElectronicLevel
    /// In-person visits still needed, 0 to 10.
    public var inPersonVisits: Int
    /// Why a visit is needed; required when `inPersonVisits` is above 0.
    public var inPersonReason: String?
    /// The documents to upload, with unique keys.
    public var documents: [RequiredDocument]
    /// The request form, with unique codes.
    public var fields: [FormAttribute]
    /// Working days to deliver, 1 to 365.
    public var processingDays: Int
    /// The cost and how it is paid.
    public var fee: Fee
    /// The legal basis; at least one.
    public var legalBasis: [String]
    /// The steps of the process, in order; at least one.
    public var steps: [String]
    /// The unit that answers for the service.
    public var responsibleUnit: String
    /// Where the service is offered.
    public var provinces: ProvinceAvailability
    /// How often one person may use it.
    public var frequency: ServiceFrequency
    /// On request or on a date.
    public var startsOn: ServiceStart
    /// Which values are editable defaults rather than published facts.
    public var defaultsNote: String?

    /// Makes a draft; see `ServiceProfile` for what each field means.
    public init(
        code: String,
        title: String,
        summary: String,
        description: String,
        category: String,
        keywords: [String],
        audience: String,
        nature: ServiceNature,
        recipientType: [RecipientType],
        level: ServiceLevel,
        electronicLevel: ElectronicLevel,
        inPersonVisits: Int,
        inPersonReason: String?,
        documents: [RequiredDocument],
        fields: [FormAttribute],
        processingDays: Int,
        fee: Fee,
        legalBasis: [String],
        steps: [String],
        responsibleUnit: String,
        provinces: ProvinceAvailability,
        frequency: ServiceFrequency,
        startsOn: ServiceStart,
        defaultsNote: String? = nil
    ) {
        self.code = code
        self.title = title
        self.summary = summary
        self.description = description
        self.category = category
        self.keywords = keywords
        self.audience = audience
        self.nature = nature
        self.recipientType = recipientType
        self.level = level
        self.electronicLevel = electronicLevel
        self.inPersonVisits = inPersonVisits
        self.inPersonReason = inPersonReason
        self.documents = documents
        self.fields = fields
        self.processingDays = processingDays
        self.fee = fee
        self.legalBasis = legalBasis
        self.steps = steps
        self.responsibleUnit = responsibleUnit
        self.provinces = provinces
        self.frequency = frequency
        self.startsOn = startsOn
        self.defaultsNote = defaultsNote
    }
}
