import Foundation
import MizPersian
import MizSchema

/// A service's profile page (شناسنامه خدمت): every field of the card, the documents as a
/// checklist, and how to apply from the province the visitor chose.
package struct ProfileView: Sendable {
    /// The id of the "how to apply" section, the target of every «درخواست» link.
    package static let applySectionId = "darkhast"

    /// A document to prepare, as a checklist item.
    package struct DocumentView: Sendable {
        package var inputId: String
        package var descriptionId: String
        package var title: String
        package var description: String
        package var fileTypes: String
        package var maximumSize: String
        package var mandatory: Bool
    }

    /// A field of the request form, as the visitor will meet it.
    package struct FieldView: Sendable {
        package var label: String
        package var kind: String
        package var required: Bool
        /// The choices of a list field, joined: «گوسفند و بز، گاو، شتر».
        package var choices: String?
    }

    /// A province the service is offered in.
    package struct ProvinceChoice: Sendable {
        package var slug: String
        package var name: String
        package var link: String
        package var selected: Bool
    }

    package var code: String
    package var title: String
    package var summary: String
    package var descriptionParagraphs: [String]
    package var categoryTitle: String
    package var categoryLink: String
    package var keywords: String?
    package var audience: String
    package var nature: String
    package var recipients: String
    package var level: String
    package var electronicLevel: String
    package var inPersonVisits: String
    package var inPersonReason: String?
    package var documents: [DocumentView]
    package var hasDocuments: Bool
    /// «۵ مدرک الزامی و ۲ مدرک اختیاری».
    package var documentsSummary: String
    package var fields: [FieldView]
    package var hasFields: Bool
    package var processingTime: String
    package var fee: String
    /// The fee in a few words, for the summary at the top.
    package var feeInShort: String
    package var legalBasis: [String]
    package var hasLegalBasis: Bool
    package var steps: [String]
    package var hasSteps: Bool
    package var responsibleUnit: String
    package var offeredEverywhere: Bool
    package var offeredProvinces: [ProvinceChoice]
    /// «همه ۳۱ استان» or «۳ استان».
    package var provincesSummary: String
    package var frequency: String
    package var start: String
    package var version: String
    package var updated: String?
    package var defaultsNote: String?
    package var applySectionId: String

    /// The province the visitor came from, when the service is offered there.
    package var province: ProvinceContext?
    /// The province the visitor came from, when the service is not offered there.
    package var unavailableProvince: ProvinceContext?
    /// Whether no province has been chosen yet.
    package var needsProvince: Bool
    /// The address of the profile without a province, for the province form's action.
    package var profileLink: String
    /// The profile's "how to apply" section without a province, to choose another.
    package var changeProvinceLink: String
    /// The request form of the service, with the chosen province when it offers the service.
    package var applyLink: String

    /// Makes the page of a profile; `province` is the one carried in the address, if any.
    package init(profile: ServiceProfile, categories: [CatalogCategory], province: Province?) {
        code = profile.code
        title = WebFormat.text(profile.title)
        summary = WebFormat.text(profile.summary)
        descriptionParagraphs = profile.description.split(whereSeparator: \.isNewline)
            .map { WebFormat.text($0.trimmingCharacters(in: .whitespaces)) }
            .filter { !$0.isEmpty }
        let category = categories.first { $0.key == profile.category }
        categoryTitle = category.map { WebFormat.text($0.title) } ?? profile.category
        categoryLink = WebLinks.with(
            WebLinks.listPage(province: province?.slug), [("category", profile.category)], fragment: "khadamat")
        keywords = profile.keywords.isEmpty ? nil : profile.keywords.map(WebFormat.text).joined(separator: "، ")
        audience = WebFormat.text(profile.audience)
        nature = WebFormat.nature(profile.nature)
        recipients = profile.recipientType.map(WebFormat.recipient).joined(separator: "، ")
        level = WebFormat.level(profile.level)
        electronicLevel = WebFormat.electronicLevel(profile.electronicLevel)
        inPersonVisits = WebFormat.visits(profile.inPersonVisits)
        inPersonReason = profile.inPersonVisits > 0 ? profile.inPersonReason.map(WebFormat.text) : nil
        documents = profile.documents.map { document in
            DocumentView(
                inputId: "doc-\(document.key)", descriptionId: "doc-\(document.key)-about",
                title: WebFormat.text(document.title), description: WebFormat.text(document.description),
                fileTypes: WebFormat.fileTypes(document.acceptedTypes),
                maximumSize: WebFormat.fileSize(kilobytes: document.maxSizeKB), mandatory: document.mandatory)
        }
        hasDocuments = !documents.isEmpty
        let mandatory = profile.documents.filter(\.mandatory).count
        let optional = profile.documents.count - mandatory
        documentsSummary =
            optional == 0
            ? "\(WebFormat.count(mandatory, "مدرک")) الزامی"
            : "\(WebFormat.count(mandatory, "مدرک")) الزامی و \(WebFormat.count(optional, "مدرک")) اختیاری"
        fields = profile.fields.sorted { $0.order < $1.order }.map { field in
            FieldView(
                label: WebFormat.text(field.description), kind: WebFormat.datatype(field.datatype),
                required: field.required,
                choices: field.values.flatMap {
                    $0.isEmpty ? nil : $0.map { WebFormat.text($0.name) }.joined(separator: "، ")
                })
        }
        hasFields = !fields.isEmpty
        processingTime = WebFormat.workingDays(profile.processingDays)
        fee = WebFormat.fee(profile.fee)
        feeInShort = WebFormat.feeInShort(profile.fee)
        legalBasis = profile.legalBasis.map(WebFormat.text)
        hasLegalBasis = !legalBasis.isEmpty
        steps = profile.steps.map(WebFormat.text)
        hasSteps = !steps.isEmpty
        responsibleUnit = WebFormat.text(profile.responsibleUnit)
        let offered: [Province]
        switch profile.provinces {
        case .all:
            offered = Province.all
            offeredEverywhere = true
            provincesSummary = "همه \(WebFormat.count(Province.all.count, "استان"))"
        case .only(let slugs):
            offered = slugs.compactMap(Province.init(slug:))
            offeredEverywhere = false
            provincesSummary = WebFormat.count(offered.count, "استان")
        }
        offeredProvinces = offered.map { candidate in
            ProvinceChoice(
                slug: candidate.slug, name: candidate.persianName, link: WebLinks.province(candidate.slug),
                selected: candidate == province)
        }.sorted { PersianCollation.precedes($0.name, $1.name) }
        frequency = WebFormat.frequency(profile.frequency)
        start = WebFormat.start(profile.startsOn)
        version = WebFormat.number(profile.version)
        updated = Self.jalali(profile.updatedAt)
        defaultsNote = profile.defaultsNote.map(WebFormat.text)
        applySectionId = Self.applySectionId
        let isOffered = province.map { offered.contains($0) } ?? false
        self.province = isOffered ? province.map(ProvinceContext.init) : nil
        unavailableProvince = isOffered ? nil : province.map(ProvinceContext.init)
        needsProvince = !isOffered
        profileLink = WebLinks.profile(profile.code, province: nil)
        changeProvinceLink = WebLinks.request(profile.code, province: nil)
        applyLink = WebLinks.with(
            "/khadamat/\(WebLinks.segment(profile.code))/darkhast", [("ostan", isOffered ? province?.slug : nil)])
    }

    /// The day of `date` in the Jalali calendar, in Persian digits; nil for a date the
    /// calendar conversion does not cover.
    static func jalali(_ date: Date) -> String? {
        // 1900–2400 CE: well inside the Jalali years `JalaliDate` supports.
        guard date.timeIntervalSince1970 > -2_208_988_800, date.timeIntervalSince1970 < 13_569_465_600 else {
            return nil
        }
        return JalaliDate(gregorian: date).formatted
    }
}
