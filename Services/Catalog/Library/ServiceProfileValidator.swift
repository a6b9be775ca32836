import Foundation
import MizPersian
import MizSchema

/// Checks an administrator's draft (and every seed profile) before it is stored, and tidies
/// its one-line texts.
///
/// Problems are reported per field, with the field's path in the request (such as
/// `profile.documents[2].maxSizeKB`) and a Persian message, all at once, so a form can mark
/// every wrong field in one round.
package struct ServiceProfileValidator: Sendable {
    /// Limits on a profile's parts.
    package enum Limits {
        /// Characters in a service code.
        package static let codeLength = 3...80
        /// Characters in a title.
        package static let titleLength = 200
        /// Characters in a summary.
        package static let summaryLength = 500
        /// Characters in a description.
        package static let descriptionLength = 20_000
        /// Characters in any other line of text.
        package static let lineLength = 1_000
        /// Keywords per profile.
        package static let keywordCount = 50
        /// Characters in a keyword.
        package static let keywordLength = 80
        /// Required documents per profile.
        package static let documentCount = 30
        /// Form fields per profile.
        package static let fieldCount = 50
        /// Choices per list field.
        package static let valueCount = 100
        /// The largest file a document may allow: 50 MB.
        package static let maximumSizeKB = 51_200
        /// Working days to deliver.
        package static let processingDays = 1...365
        /// In-person visits.
        package static let inPersonVisits = 0...10
        /// Items in the legal basis and in the steps.
        package static let listCount = 50
    }

    /// The category keys a profile may name.
    package let categoryKeys: Set<String>

    /// Makes a validator for a catalog with these categories.
    package init(categoryKeys: Set<String>) {
        self.categoryKeys = categoryKeys
    }

    /// The draft with its one-line texts cleaned for display (Arabic ي/ك to Persian,
    /// tatweel dropped, spaces collapsed); the description keeps its line breaks.
    package func tidied(_ draft: ServiceProfileDraft) -> ServiceProfileDraft {
        func line(_ text: String) -> String { PersianText.normalizedForDisplay(text) }
        var tidy = draft
        tidy.code = draft.code.trimmingCharacters(in: .whitespaces)
        tidy.title = line(draft.title)
        tidy.summary = line(draft.summary)
        tidy.description = draft.description.trimmingCharacters(in: .whitespacesAndNewlines)
        tidy.keywords = draft.keywords.map(line)
        tidy.audience = line(draft.audience)
        tidy.inPersonReason = draft.inPersonReason.map(line).flatMap { $0.isEmpty ? nil : $0 }
        tidy.documents = draft.documents.map { document in
            var document = document
            document.title = line(document.title)
            document.description = line(document.description)
            return document
        }
        tidy.fields = draft.fields.map { field in
            var field = field
            field.description = line(field.description)
            field.values = field.values?.map { FormAttribute.Value(key: $0.key, name: line($0.name)) }
            return field
        }
        tidy.fee.payment = draft.fee.payment.map(line).flatMap { $0.isEmpty ? nil : $0 }
        tidy.legalBasis = draft.legalBasis.map(line)
        tidy.steps = draft.steps.map(line)
        tidy.responsibleUnit = line(draft.responsibleUnit)
        tidy.defaultsNote = draft.defaultsNote.map(line).flatMap { $0.isEmpty ? nil : $0 }
        return tidy
    }

    /// Every problem of `draft`, each under `prefix` + the field's path; empty when valid.
    package func problems(_ draft: ServiceProfileDraft, prefix: String = "profile.") -> [FieldError] {
        var problems: [FieldError] = []
        func fail(_ field: String, _ message: String) {
            problems.append(FieldError(field: prefix + field, message: message))
        }
        func text(_ field: String, _ value: String, name: String, limit: Int) {
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                fail(field, "\(name) را وارد کنید.")
            } else if value.count > limit {
                fail(field, "\(name) نباید بیشتر از \(PersianDigits.display(limit)) نویسه باشد.")
            }
        }
        func lines(_ field: String, _ values: [String], name: String, required: Bool) {
            if required, values.isEmpty { fail(field, "دست‌کم یک \(name) وارد کنید.") }
            if values.count > Limits.listCount {
                fail(field, "تعداد \(name)ها نباید بیشتر از \(PersianDigits.display(Limits.listCount)) باشد.")
            }
            for (index, value) in values.enumerated() {
                text("\(field)[\(index)]", value, name: name, limit: Limits.lineLength)
            }
        }

        if !Self.isServiceCode(draft.code) {
            fail(
                "code",
                "کد خدمت باید ۳ تا ۸۰ نویسه از حروف کوچک لاتین، رقم و خط تیره باشد، مانند rangeland-grazing-licence-issue."
            )
        }
        text("title", draft.title, name: "عنوان خدمت", limit: Limits.titleLength)
        text("summary", draft.summary, name: "خلاصه خدمت", limit: Limits.summaryLength)
        text("description", draft.description, name: "شرح خدمت", limit: Limits.descriptionLength)
        if !categoryKeys.contains(draft.category) { fail("category", "دسته‌بندی انتخاب‌شده شناخته نشد.") }
        if draft.keywords.count > Limits.keywordCount {
            fail("keywords", "تعداد کلیدواژه‌ها نباید بیشتر از \(PersianDigits.display(Limits.keywordCount)) باشد.")
        }
        for (index, keyword) in draft.keywords.enumerated() {
            text("keywords[\(index)]", keyword, name: "کلیدواژه", limit: Limits.keywordLength)
        }
        text("audience", draft.audience, name: "گیرندگان خدمت", limit: Limits.lineLength)
        if draft.recipientType.isEmpty { fail("recipientType", "دست‌کم یک نوع گیرنده خدمت را انتخاب کنید.") }
        if !Limits.inPersonVisits.contains(draft.inPersonVisits) {
            fail("inPersonVisits", "تعداد مراجعه حضوری باید بین ۰ تا ۱۰ باشد.")
        } else if draft.inPersonVisits > 0, (draft.inPersonReason ?? "").isEmpty {
            fail("inPersonReason", "دلیل مراجعه حضوری را بنویسید.")
        }
        checkDocuments(draft.documents, fail: fail, text: text)
        checkFields(draft.fields, fail: fail, text: text)
        if !Limits.processingDays.contains(draft.processingDays) {
            fail("processingDays", "مدت رسیدگی باید بین ۱ تا ۳۶۵ روز کاری باشد.")
        }
        checkFee(draft.fee, fail: fail)
        lines("legalBasis", draft.legalBasis, name: "مبنای قانونی", required: true)
        lines("steps", draft.steps, name: "مرحله", required: true)
        text("responsibleUnit", draft.responsibleUnit, name: "واحد پاسخگو", limit: Limits.lineLength)
        if case .only(let slugs) = draft.provinces {
            if slugs.isEmpty { fail("provinces", "دست‌کم یک استان را انتخاب کنید یا «همه استان‌ها» را بزنید.") }
            for (index, slug) in slugs.enumerated() where Province(slug: slug) == nil {
                fail("provinces[\(index)]", "استان «\(slug)» شناخته نشد.")
            }
            if Set(slugs).count != slugs.count { fail("provinces", "هر استان را یک بار انتخاب کنید.") }
        }
        if let note = draft.defaultsNote, note.count > Limits.lineLength {
            fail("defaultsNote", "یادداشت نباید بیشتر از \(PersianDigits.display(Limits.lineLength)) نویسه باشد.")
        }
        return problems
    }

    /// Whether `code` is a service code: lowercase Latin letters and digits in words joined by
    /// single hyphens, 3 to 80 characters.
    package static func isServiceCode(_ code: String) -> Bool {
        isKey(code, separator: "-") && Limits.codeLength.contains(code.count)
    }

    /// Whether `key` is a document or field key: lowercase Latin letters, digits and single
    /// underscores, 1 to 60 characters.
    package static func isItemKey(_ key: String) -> Bool {
        isKey(key, separator: "_") && key.count <= 60
    }

    private static func isKey(_ text: String, separator: Character) -> Bool {
        guard let first = text.first, let last = text.last, first != separator, last != separator else {
            return false
        }
        var previous: Character?
        for character in text {
            let isLetterOrDigit = character.isASCII && (character.isLowercase || character.isNumber)
            if !isLetterOrDigit && character != separator { return false }
            if character == separator && previous == separator { return false }
            previous = character
        }
        return true
    }

    private func checkDocuments(
        _ documents: [RequiredDocument], fail: (String, String) -> Void, text: (String, String, String, Int) -> Void
    ) {
        if documents.count > Limits.documentCount {
            fail("documents", "تعداد مدارک نباید بیشتر از \(PersianDigits.display(Limits.documentCount)) باشد.")
        }
        var keys = Set<String>()
        for (index, document) in documents.enumerated() {
            let path = "documents[\(index)]"
            if !Self.isItemKey(document.key) {
                fail("\(path).key", "کلید مدرک باید از حروف کوچک لاتین، رقم و زیرخط تشکیل شود.")
            } else if !keys.insert(document.key).inserted {
                fail("\(path).key", "کلید مدرک «\(document.key)» تکراری است.")
            }
            text("\(path).title", document.title, "عنوان مدرک", Limits.lineLength)
            text("\(path).description", document.description, "توضیح مدرک", Limits.lineLength)
            if document.acceptedTypes.isEmpty {
                fail("\(path).acceptedTypes", "دست‌کم یک نوع فایل مجاز را انتخاب کنید.")
            }
            if !(1...Limits.maximumSizeKB).contains(document.maxSizeKB) {
                fail("\(path).maxSizeKB", "حداکثر حجم فایل باید بین ۱ تا ۵۱۲۰۰ کیلوبایت باشد.")
            }
        }
    }

    private func checkFields(
        _ fields: [FormAttribute], fail: (String, String) -> Void, text: (String, String, String, Int) -> Void
    ) {
        if fields.count > Limits.fieldCount {
            fail("fields", "تعداد فیلدهای فرم نباید بیشتر از \(PersianDigits.display(Limits.fieldCount)) باشد.")
        }
        var codes = Set<String>()
        for (index, field) in fields.enumerated() {
            let path = "fields[\(index)]"
            if !Self.isItemKey(field.code) {
                fail("\(path).code", "کد فیلد باید از حروف کوچک لاتین، رقم و زیرخط تشکیل شود.")
            } else if !codes.insert(field.code).inserted {
                fail("\(path).code", "کد فیلد «\(field.code)» تکراری است.")
            }
            text("\(path).description", field.description, "عنوان فیلد", Limits.lineLength)
            if field.order < 0 { fail("\(path).order", "ترتیب فیلد نمی‌تواند منفی باشد.") }
            let values = field.values ?? []
            if field.datatype.isList {
                if values.isEmpty {
                    fail("\(path).values", "برای فیلد فهرستی دست‌کم یک گزینه وارد کنید.")
                } else if values.count > Limits.valueCount {
                    fail(
                        "\(path).values",
                        "تعداد گزینه‌ها نباید بیشتر از \(PersianDigits.display(Limits.valueCount)) باشد.")
                }
                var valueKeys = Set<String>()
                for (valueIndex, value) in values.enumerated() {
                    if !Self.isItemKey(value.key) {
                        fail(
                            "\(path).values[\(valueIndex)].key",
                            "کلید گزینه باید از حروف کوچک لاتین، رقم و زیرخط تشکیل شود.")
                    } else if !valueKeys.insert(value.key).inserted {
                        fail("\(path).values[\(valueIndex)].key", "کلید گزینه «\(value.key)» تکراری است.")
                    }
                    text("\(path).values[\(valueIndex)].name", value.name, "نام گزینه", Limits.lineLength)
                }
            } else if !values.isEmpty {
                fail("\(path).values", "فقط فیلدهای فهرستی گزینه دارند.")
            }
        }
    }

    private func checkFee(_ fee: Fee, fail: (String, String) -> Void) {
        switch fee.kind {
        case .free:
            if fee.amountRials != nil { fail("fee.amountRials", "خدمت رایگان مبلغ ندارد.") }
        case .fixed:
            if (fee.amountRials ?? 0) <= 0 { fail("fee.amountRials", "مبلغ را به ریال و بیشتر از صفر وارد کنید.") }
            if (fee.payment ?? "").isEmpty { fail("fee.payment", "روش پرداخت را بنویسید.") }
        case .tariff:
            if fee.amountRials != nil {
                fail("fee.amountRials", "برای هزینه تعرفه‌ای مبلغ ثابت وارد نکنید؛ تعرفه را در روش پرداخت بنویسید.")
            }
            if (fee.payment ?? "").isEmpty { fail("fee.payment", "تعرفه و روش پرداخت را بنویسید.") }
        }
    }
}
