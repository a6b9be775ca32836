import Foundation
import MizPersian
import MizSchema

/// What an administrator typed into the profile editor (`/kartabl/khadamat/…`), kept as text,
/// so a form shown again (after "add a row" or a refusal) holds exactly what was typed.
///
/// The form works without JavaScript: the repeatable rows (documents, form fields) grow and
/// shrink by submit buttons named `action` (`add-document`, `remove-document-2`, …) that
/// post the whole form and show it again, the GOV.UK "add another" pattern. Lists of lines
/// (keywords, legal basis, steps, a field's choices) are textareas with one item a line.
/// Numbers are accepted in any digits; the catalog's validator judges everything else.
package struct CatalogEditorForm: Sendable, Equatable {
    /// One required document row.
    package struct DocumentRow: Sendable, Equatable {
        package var key = ""
        package var title = ""
        package var description = ""
        package var types: Set<String> = [DocumentFileType.pdf.rawValue]
        package var maxSizeKB = "2048"
        package var mandatory = true

        /// Whether nothing was typed in the row: such a row is left out when saving.
        var isBlank: Bool {
            [key, title, description].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }

    /// One form field row (an Open311 attribute).
    package struct FieldRow: Sendable, Equatable {
        package var code = ""
        package var datatype = FormAttribute.Datatype.string.rawValue
        package var required = true
        package var description = ""
        /// The choices of a list field, one `key: name` a line.
        package var values = ""

        /// Whether nothing was typed in the row: such a row is left out when saving.
        var isBlank: Bool {
            [code, description, values].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }
    }

    package var code = ""
    package var title = ""
    package var summary = ""
    package var description = ""
    package var category = ""
    /// One keyword a line.
    package var keywords = ""
    package var audience = ""
    package var nature = ServiceNature.sovereign.rawValue
    package var recipientTypes: Set<String> = [RecipientType.g2c.rawValue]
    package var level = ServiceLevel.provincial.rawValue
    package var electronicLevel = ElectronicLevel.interactive.rawValue
    package var inPersonVisits = "0"
    package var inPersonReason = ""
    package var processingDays = ""
    package var feeKind = Fee.Kind.free.rawValue
    package var feeAmount = ""
    package var feePayment = ""
    /// One law or regulation a line.
    package var legalBasis = ""
    /// One step a line.
    package var steps = ""
    package var responsibleUnit = ""
    package var allProvinces = true
    package var provinces: Set<String> = []
    package var frequency = ServiceFrequency.asNeeded.rawValue
    package var startsOn = ServiceStart.request.rawValue
    package var active = true
    package var defaultsNote = ""
    package var documents: [DocumentRow] = []
    package var fields: [FieldRow] = []
    /// The version the editor started from; nil for a new service.
    package var baseVersion: Int?
    /// The idempotency key of this form, so a double click saves once.
    package var key = UUID().uuidString

    /// The most rows of each kind the form holds, as the catalog allows.
    static let maximumDocuments = 30
    static let maximumFields = 50

    /// An empty form for a new service, with one row of each kind to fill.
    package init() {
        documents = [DocumentRow()]
        fields = [FieldRow()]
    }

    /// The form filled with a stored version, to edit it into the next.
    package init(profile: ServiceProfile) {
        code = profile.code
        title = profile.title
        summary = profile.summary
        description = profile.description
        category = profile.category
        keywords = profile.keywords.joined(separator: "\n")
        audience = profile.audience
        nature = profile.nature.rawValue
        recipientTypes = Set(profile.recipientType.map(\.rawValue))
        level = profile.level.rawValue
        electronicLevel = profile.electronicLevel.rawValue
        inPersonVisits = String(profile.inPersonVisits)
        inPersonReason = profile.inPersonReason ?? ""
        processingDays = String(profile.processingDays)
        feeKind = profile.fee.kind.rawValue
        feeAmount = profile.fee.amountRials.map(String.init) ?? ""
        feePayment = profile.fee.payment ?? ""
        legalBasis = profile.legalBasis.joined(separator: "\n")
        steps = profile.steps.joined(separator: "\n")
        responsibleUnit = profile.responsibleUnit
        switch profile.provinces {
        case .all:
            allProvinces = true
        case .only(let slugs):
            allProvinces = false
            provinces = Set(slugs)
        }
        frequency = profile.frequency.rawValue
        startsOn = profile.startsOn.rawValue
        active = profile.active
        defaultsNote = profile.defaultsNote ?? ""
        documents = profile.documents.map {
            DocumentRow(
                key: $0.key, title: $0.title, description: $0.description, types: Set($0.acceptedTypes.map(\.rawValue)),
                maxSizeKB: String($0.maxSizeKB), mandatory: $0.mandatory)
        }
        fields = profile.fields.sorted { $0.order < $1.order }.map { field in
            FieldRow(
                code: field.code, datatype: field.datatype.rawValue, required: field.required,
                description: field.description,
                values: (field.values ?? []).map { "\($0.key): \($0.name)" }.joined(separator: "\n"))
        }
        baseVersion = profile.version
    }

    /// The form as posted (`application/x-www-form-urlencoded`).
    package init(posted: APIQueryParameters) {
        func text(_ name: String) -> String { posted[name] ?? "" }
        func all(_ name: String) -> Set<String> { Set(posted.pairs.filter { $0.name == name }.map(\.value)) }
        func isOn(_ name: String) -> Bool { posted[name] != nil }
        func count(_ name: String, limit: Int) -> Int {
            min(limit, max(0, PersianDigits.parseInteger(text(name)) ?? 0))
        }
        code = text("code")
        title = text("title")
        summary = text("summary")
        description = text("description")
        category = text("category")
        keywords = text("keywords")
        audience = text("audience")
        nature = text("nature")
        recipientTypes = all("recipientType")
        level = text("level")
        electronicLevel = text("electronicLevel")
        inPersonVisits = text("inPersonVisits")
        inPersonReason = text("inPersonReason")
        processingDays = text("processingDays")
        feeKind = text("feeKind")
        feeAmount = text("feeAmount")
        feePayment = text("feePayment")
        legalBasis = text("legalBasis")
        steps = text("steps")
        responsibleUnit = text("responsibleUnit")
        allProvinces = text("provincesMode") != "only"
        provinces = all("province")
        frequency = text("frequency")
        startsOn = text("startsOn")
        active = isOn("active")
        defaultsNote = text("defaultsNote")
        documents = (0..<count("documentRows", limit: Self.maximumDocuments)).map { index in
            let prefix = "document.\(index)."
            return DocumentRow(
                key: text(prefix + "key"), title: text(prefix + "title"), description: text(prefix + "description"),
                types: all(prefix + "types"), maxSizeKB: text(prefix + "maxSizeKB"),
                mandatory: isOn(prefix + "mandatory"))
        }
        fields = (0..<count("fieldRows", limit: Self.maximumFields)).map { index in
            let prefix = "field.\(index)."
            return FieldRow(
                code: text(prefix + "code"), datatype: text(prefix + "datatype"), required: isOn(prefix + "required"),
                description: text(prefix + "description"), values: text(prefix + "values"))
        }
        baseVersion = PersianDigits.parseInteger(text("baseVersion"))
        let sentKey = text("key").trimmingCharacters(in: .whitespaces)
        key = sentKey.isEmpty || sentKey.count > 128 ? UUID().uuidString : sentKey
    }

    // MARK: - Rows

    /// What a submit button of the form asks for.
    package enum Action: Equatable, Sendable {
        /// Store the form as a version.
        case save
        case addDocument
        case removeDocument(Int)
        case addField
        case removeField(Int)

        /// The action of a button's value; `save` for none or an unknown one.
        package init(_ value: String?) {
            let value = value ?? ""
            if value == "add-document" {
                self = .addDocument
            } else if value == "add-field" {
                self = .addField
            } else if let index = Self.index(value, after: "remove-document-") {
                self = .removeDocument(index)
            } else if let index = Self.index(value, after: "remove-field-") {
                self = .removeField(index)
            } else {
                self = .save
            }
        }

        private static func index(_ value: String, after prefix: String) -> Int? {
            guard value.hasPrefix(prefix) else { return nil }
            return Int(value.dropFirst(prefix.count))
        }
    }

    /// Adds or removes a row; returns the id of the input to bring the reader to.
    package mutating func apply(_ action: Action) -> String? {
        switch action {
        case .save:
            return nil
        case .addDocument:
            guard documents.count < Self.maximumDocuments else { return "documents" }
            documents.append(DocumentRow())
            return CatalogEditorView.inputId("document.\(documents.count - 1).key")
        case .removeDocument(let index):
            if documents.indices.contains(index) { documents.remove(at: index) }
            return "documents"
        case .addField:
            guard fields.count < Self.maximumFields else { return "fields" }
            fields.append(FieldRow())
            return CatalogEditorView.inputId("field.\(fields.count - 1).code")
        case .removeField(let index):
            if fields.indices.contains(index) { fields.remove(at: index) }
            return "fields"
        }
    }

    // MARK: - The draft

    /// The draft to send to the catalog, and for each document and field sent, the form row
    /// it came from (blank rows are left out), so the catalog's problems find their inputs.
    package func draft() -> (draft: ServiceProfileDraft, documentRows: [Int], fieldRows: [Int]) {
        let documentRows = documents.indices.filter { !documents[$0].isBlank }
        let fieldRows = fields.indices.filter { !fields[$0].isBlank }
        let kind = Fee.Kind(rawValue: feeKind) ?? .free
        let fee = Fee(
            kind: kind,
            amountRials: kind == .fixed ? Self.number(feeAmount, invalid: 0) : nil,
            payment: kind == .free ? nil : Self.optional(feePayment))
        let draft = ServiceProfileDraft(
            code: code.trimmingCharacters(in: .whitespaces).lowercased(),
            title: title, summary: summary, description: description, category: category,
            keywords: Self.lines(keywords), audience: audience,
            nature: ServiceNature(rawValue: nature) ?? .sovereign,
            recipientType: RecipientType.allCases.filter { recipientTypes.contains($0.rawValue) },
            level: ServiceLevel(rawValue: level) ?? .provincial,
            electronicLevel: ElectronicLevel(rawValue: electronicLevel) ?? .interactive,
            inPersonVisits: Self.number(inPersonVisits, invalid: -1),
            inPersonReason: Self.optional(inPersonReason),
            documents: documentRows.map { index in
                let row = documents[index]
                return RequiredDocument(
                    key: row.key.trimmingCharacters(in: .whitespaces), title: row.title, description: row.description,
                    acceptedTypes: DocumentFileType.allCases.filter { row.types.contains($0.rawValue) },
                    maxSizeKB: Self.number(row.maxSizeKB, invalid: 0), mandatory: row.mandatory)
            },
            fields: fieldRows.enumerated().map { position, index in
                let row = fields[index]
                let datatype = FormAttribute.Datatype(rawValue: row.datatype) ?? .string
                let values = Self.choices(row.values)
                return FormAttribute(
                    code: row.code.trimmingCharacters(in: .whitespaces), datatype: datatype, required: row.required,
                    description: row.description, order: position + 1,
                    values: values.isEmpty && !datatype.isList ? nil : values)
            },
            processingDays: Self.number(processingDays, invalid: 0), fee: fee,
            legalBasis: Self.lines(legalBasis), steps: Self.lines(steps), responsibleUnit: responsibleUnit,
            provinces: allProvinces ? .all : .only(Province.all.map(\.slug).filter { provinces.contains($0) }),
            frequency: ServiceFrequency(rawValue: frequency) ?? .asNeeded,
            startsOn: ServiceStart(rawValue: startsOn) ?? .request,
            defaultsNote: Self.optional(defaultsNote))
        return (draft, documentRows, fieldRows)
    }

    /// A whole number typed in any digits, with thousands separators allowed; `invalid` (a
    /// value the catalog refuses with its own message) when it is not one.
    static func number(_ text: String, invalid: Int) -> Int {
        let digits = text.filter { !" ,٬،_".contains($0) }
        return PersianDigits.parseInteger(digits) ?? invalid
    }

    /// The non-blank lines of a textarea, trimmed.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The choices of a list field: `key: name` lines (a line without a colon has no key,
    /// which the catalog refuses).
    static func choices(_ text: String) -> [FormAttribute.Value] {
        lines(text).map { line in
            guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                return FormAttribute.Value(key: "", name: line)
            }
            return FormAttribute.Value(
                key: line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                name: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    static func optional(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
