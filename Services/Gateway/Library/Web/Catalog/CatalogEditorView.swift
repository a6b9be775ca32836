import Foundation
import MizPersian
import MizSchema

/// The profile editor page (`catalog-editor` template): every field of the card as an input
/// holding what was typed, each with the catalog's Persian problem beside it, and the error
/// summary at the top linking to each.
package struct CatalogEditorView: Sendable {
    /// One text input or textarea.
    package struct Input: Sendable {
        package var id: String
        package var name: String
        package var label: String
        package var hint: String?
        package var value: String
        package var problem: String?
        /// A textarea rather than one line.
        package var isMultiline = false
        /// Typed left to right (codes, numbers).
        package var isLeftToRight = false
        /// Numbers: the phone shows its digit pad.
        package var isNumber = false
        package var isRequired = true
        /// The ids of the hint and the problem, for `aria-describedby`.
        package var describedBy: String?
        /// Whether the page opens with the cursor here (a row just added).
        package var isFocused = false

        init(
            id: String, name: String, label: String, hint: String?, value: String, problem: String?,
            isMultiline: Bool, isLeftToRight: Bool, isNumber: Bool, isRequired: Bool
        ) {
            self.id = id
            self.name = name
            self.label = label
            self.hint = hint
            self.value = value
            self.problem = problem
            self.isMultiline = isMultiline
            self.isLeftToRight = isLeftToRight
            self.isNumber = isNumber
            self.isRequired = isRequired
            let ids = [hint.map { _ in id + "-hint" }, problem.map { _ in id + "-problem" }].compactMap { $0 }
            describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
        }
    }

    /// One choice of a select, a radio group or a checkbox group.
    package struct Option: Sendable {
        package var id: String
        package var value: String
        package var label: String
        package var isSelected: Bool
    }

    /// A select, radio group or checkbox group, with its problem.
    package struct Choice: Sendable {
        package var id: String
        package var name: String
        package var label: String
        package var options: [Option]
        package var problem: String?
        /// Radio buttons (one choice) rather than checkboxes, in the `catalog-checks` partial.
        package var isRadio = false
    }

    /// One required document row.
    package struct DocumentRow: Sendable {
        package var number: String
        package var index: Int
        package var key: Input
        package var title: Input
        package var description: Input
        package var types: Choice
        package var maxSizeKB: Input
        package var mandatoryId: String
        package var mandatoryName: String
        package var mandatory: Bool
    }

    /// One form field row.
    package struct FieldRow: Sendable {
        package var number: String
        package var index: Int
        package var code: Input
        package var datatype: Choice
        package var requiredId: String
        package var requiredName: String
        package var required: Bool
        package var description: Input
        package var values: Input
    }

    /// One line of the error summary.
    package struct Problem: Sendable {
        package var href: String
        package var message: String
    }

    package var csrf: String
    package var key: String
    package var action: String
    package var isNew: Bool
    package var heading: String
    /// «نسخه ۳، فعال» for an existing service.
    package var versionText: String?
    package var baseVersion: String?
    package var publicLink: String?
    package var notice: String?
    package var errorTitle = "شناسنامه ذخیره نشد"
    package var problems: [Problem] = [] {
        didSet { hasProblems = !problems.isEmpty }
    }
    package var hasProblems = false

    package var code: Input
    package var title: Input
    package var summary: Input
    package var description: Input
    package var category: Choice
    package var keywords: Input
    package var audience: Input
    package var nature: Choice
    package var recipientTypes: Choice
    package var level: Choice
    package var electronicLevel: Choice
    package var inPersonVisits: Input
    package var inPersonReason: Input
    package var processingDays: Input
    package var feeKind: Choice
    package var feeAmount: Input
    package var feePayment: Input
    package var legalBasis: Input
    package var steps: Input
    package var responsibleUnit: Input
    package var provincesAll: Bool
    package var provinces: Choice
    package var frequency: Choice
    package var startsOn: Choice
    package var active: Bool
    package var defaultsNote: Input
    package var documents: [DocumentRow]
    package var documentRows: String
    package var fields: [FieldRow]
    package var fieldRows: String
    package var provincesProblem: String?
    package var documentsProblem: String?
    package var fieldsProblem: String?

    /// The id of the input named `name` (`document.2.key` → `f-document-2-key`).
    static func inputId(_ name: String) -> String {
        "f-" + name.replacingOccurrences(of: ".", with: "-")
    }

    /// The page of `form`, with each problem beside its input (keyed by input name, see
    /// `inputName(ofCatalogField:)`), and the rest only in the summary.
    package init(
        form: CatalogEditorForm, categories: [CatalogCategory], csrf: String, action: String, isNew: Bool,
        problems fieldProblems: [String: String] = [:], focus: String? = nil
    ) {
        func input(
            _ name: String, _ label: String, _ value: String, hint: String? = nil, multiline: Bool = false,
            leftToRight: Bool = false, number: Bool = false, required: Bool = true
        ) -> Input {
            var input = Input(
                id: Self.inputId(name), name: name, label: label, hint: hint,
                value: number ? PersianDigits.display(value) : value, problem: fieldProblems[name],
                isMultiline: multiline, isLeftToRight: leftToRight, isNumber: number, isRequired: required)
            input.isFocused = input.id == focus
            return input
        }
        func choice(
            _ name: String, _ label: String, _ values: [(String, String)], selected: Set<String>, id: String? = nil
        ) -> Choice {
            let base = id ?? Self.inputId(name)
            return Choice(
                id: base, name: name, label: label,
                options: values.enumerated().map { index, pair in
                    Option(id: "\(base)-\(index)", value: pair.0, label: pair.1, isSelected: selected.contains(pair.0))
                }, problem: fieldProblems[name])
        }
        self.csrf = csrf
        self.key = form.key
        self.action = action
        self.isNew = isNew
        let typedTitle = form.title.trimmingCharacters(in: .whitespacesAndNewlines)
        heading =
            isNew
            ? "افزودن خدمت"
            : typedTitle.isEmpty
                ? "ویرایش شناسنامه خدمت" : "ویرایش شناسنامه «\(PersianDigits.display(typedTitle))»"
        baseVersion = form.baseVersion.map(String.init)
        versionText = form.baseVersion.map {
            "نسخه کنونی: \(PersianDigits.display($0))؛ ذخیره، نسخه \(PersianDigits.display($0 + 1)) را می‌سازد."
        }
        publicLink = isNew ? nil : WebLinks.profile(form.code, province: nil)

        code = input(
            "code", "کد خدمت", form.code,
            hint: isNew
                ? "حروف کوچک لاتین، رقم و خط تیره، مانند forest-seedling-request؛ پس از ساخت تغییر نمی‌کند."
                : "کد خدمت تغییر نمی‌کند.", leftToRight: true)
        title = input("title", "عنوان خدمت", form.title)
        summary = input("summary", "خلاصه (یک یا دو جمله برای فهرست‌ها)", form.summary, multiline: true)
        description = input(
            "description", "شرح خدمت", form.description, hint: "هر بند در یک خط.", multiline: true)
        category = choice(
            "category", "دسته‌بندی", categories.map { ($0.key, $0.title) }, selected: [form.category])
        keywords = input(
            "keywords", "کلیدواژه‌ها", form.keywords,
            hint: "هر کلیدواژه در یک خط؛ واژه‌هایی که مردم برای این خدمت به کار می‌برند.",
            multiline: true, required: false)
        audience = input("audience", "گیرندگان خدمت (چه کسانی می‌توانند درخواست دهند)", form.audience)
        nature = choice(
            "nature", "ماهیت خدمت", ServiceNature.allCases.map { ($0.rawValue, WebFormat.nature($0)) },
            selected: [form.nature])
        recipientTypes = choice(
            "recipientType", "نوع گیرنده خدمت", RecipientType.allCases.map { ($0.rawValue, WebFormat.recipient($0)) },
            selected: form.recipientTypes)
        level = choice(
            "level", "سطح تصمیم‌گیری", ServiceLevel.allCases.map { ($0.rawValue, WebFormat.level($0)) },
            selected: [form.level])
        electronicLevel = choice(
            "electronicLevel", "سطح الکترونیکی",
            ElectronicLevel.allCases.map { ($0.rawValue, WebFormat.electronicLevel($0)) },
            selected: [form.electronicLevel])
        inPersonVisits = input(
            "inPersonVisits", "تعداد مراجعه حضوری", form.inPersonVisits, hint: "۰ تا ۱۰؛ ۰ یعنی بدون مراجعه.",
            leftToRight: true, number: true)
        inPersonReason = input(
            "inPersonReason", "دلیل مراجعه حضوری", form.inPersonReason, hint: "اگر مراجعه لازم است.", required: false)
        processingDays = input(
            "processingDays", "مدت رسیدگی (روز کاری)", form.processingDays, hint: "۱ تا ۳۶۵ روز کاری.",
            leftToRight: true, number: true)
        feeKind = choice(
            "feeKind", "هزینه",
            [("free", "رایگان"), ("fixed", "مبلغ ثابت"), ("tariff", "بر اساس تعرفه مصوب")], selected: [form.feeKind])
        feeKind.isRadio = true
        feeAmount = input(
            "feeAmount", "مبلغ (ریال)", form.feeAmount, hint: "فقط برای مبلغ ثابت.", leftToRight: true, number: true,
            required: false)
        feePayment = input(
            "feePayment", "روش پرداخت یا تعرفه", form.feePayment, hint: "برای مبلغ ثابت و تعرفه.", required: false)
        legalBasis = input(
            "legalBasis", "مبنای قانونی", form.legalBasis, hint: "هر قانون، آیین‌نامه یا دستورالعمل در یک خط.",
            multiline: true)
        steps = input("steps", "مراحل انجام کار", form.steps, hint: "هر مرحله در یک خط، به ترتیب.", multiline: true)
        responsibleUnit = input("responsibleUnit", "واحد پاسخگو", form.responsibleUnit)
        provincesAll = form.allProvinces
        provinces = choice(
            "province", "استان‌ها",
            Province.all.sorted { PersianCollation.precedes($0.persianName, $1.persianName) }.map {
                ($0.slug, $0.persianName)
            }, selected: form.provinces, id: "f-province")
        provincesProblem = fieldProblems["provinces"]
        frequency = choice(
            "frequency", "دفعات استفاده", ServiceFrequency.allCases.map { ($0.rawValue, WebFormat.frequency($0)) },
            selected: [form.frequency])
        startsOn = choice(
            "startsOn", "آغاز خدمت", ServiceStart.allCases.map { ($0.rawValue, WebFormat.start($0)) },
            selected: [form.startsOn])
        active = form.active
        defaultsNote = input(
            "defaultsNote", "یادداشت برای مدیران (کدام مقدارها پیش‌فرض و قابل ویرایش‌اند)", form.defaultsNote,
            required: false)
        documents = form.documents.enumerated().map { index, row in
            let prefix = "document.\(index)."
            return DocumentRow(
                number: PersianDigits.display(index + 1), index: index,
                key: input(
                    prefix + "key", "کلید مدرک", row.key, hint: "حروف کوچک لاتین، رقم و زیرخط.", leftToRight: true),
                title: input(prefix + "title", "عنوان مدرک", row.title),
                description: input(prefix + "description", "توضیح مدرک", row.description),
                types: choice(
                    prefix + "types", "قالب‌های پذیرفته",
                    DocumentFileType.allCases.map { ($0.rawValue, $0.rawValue.uppercased()) }, selected: row.types),
                maxSizeKB: input(
                    prefix + "maxSizeKB", "بیشترین حجم (کیلوبایت)", row.maxSizeKB, hint: "۱ تا ۵۱۲۰۰ کیلوبایت.",
                    leftToRight: true, number: true),
                mandatoryId: Self.inputId(prefix + "mandatory"), mandatoryName: prefix + "mandatory",
                mandatory: row.mandatory)
        }
        documentRows = String(form.documents.count)
        documentsProblem = fieldProblems["documents"]
        fields = form.fields.enumerated().map { index, row in
            let prefix = "field.\(index)."
            return FieldRow(
                number: PersianDigits.display(index + 1), index: index,
                code: input(
                    prefix + "code", "کد فیلد", row.code, hint: "حروف کوچک لاتین، رقم و زیرخط.", leftToRight: true),
                datatype: choice(
                    prefix + "datatype", "نوع پاسخ",
                    FormAttribute.Datatype.allCases.map { ($0.rawValue, WebFormat.datatype($0)) },
                    selected: [row.datatype]),
                requiredId: Self.inputId(prefix + "required"), requiredName: prefix + "required",
                required: row.required,
                description: input(prefix + "description", "پرسش یا عنوان فیلد", row.description),
                values: input(
                    prefix + "values", "گزینه‌ها (فقط برای فیلدهای فهرستی)", row.values,
                    hint: "هر گزینه در یک خط به شکل «کلید: نام»، مانند sheep: گوسفند.", multiline: true,
                    required: false))
        }
        fieldRows = String(form.fields.count)
        fieldsProblem = fieldProblems["fields"]
    }

    /// Shows a refusal of the catalog: its problems beside their inputs and in the summary.
    package static func problems(
        of error: BusError, documentRows: [Int], fieldRows: [Int]
    ) -> (byInput: [String: String], summary: [Problem]) {
        var byInput: [String: String] = [:]
        var summary: [Problem] = []
        for field in error.fields {
            let name = inputName(ofCatalogField: field.field, documentRows: documentRows, fieldRows: fieldRows)
            if byInput[name] == nil { byInput[name] = field.message }
            summary.append(Problem(href: "#" + anchor(of: name), message: field.message))
        }
        if summary.isEmpty { summary = [Problem(href: "#f-title", message: error.message)] }
        return (byInput, summary)
    }

    /// The anchor of an input name; groups without one input link to their fieldset.
    static func anchor(of name: String) -> String {
        switch name {
        case "provinces": "f-provinces"
        case "documents": "madarek"
        case "fields": "form-fields"
        default: inputId(name)
        }
    }

    /// The input of the form a catalog field path belongs to: `profile.documents[2].maxSizeKB`
    /// → `document.<row>.maxSizeKB`, `profile.keywords[3]` → `keywords`, and so on, where
    /// `<row>` is the form row the sent document came from.
    static func inputName(ofCatalogField path: String, documentRows: [Int], fieldRows: [Int]) -> String {
        var path = Substring(path)
        if path.hasPrefix("profile.") { path = path.dropFirst("profile.".count) }
        func indexed(_ name: String) -> (Int, Substring)? {
            guard path.hasPrefix(name + "["), let close = path.firstIndex(of: "]") else { return nil }
            guard let index = Int(path[path.index(path.startIndex, offsetBy: name.count + 1)..<close]) else {
                return nil
            }
            return (index, path[path.index(after: close)...])
        }
        if case let (index, rest)? = indexed("documents") {
            let row = documentRows.indices.contains(index) ? documentRows[index] : index
            return "document.\(row)" + (rest.isEmpty ? ".key" : String(rest))
        }
        if case let (index, rest)? = indexed("fields") {
            let row = fieldRows.indices.contains(index) ? fieldRows[index] : index
            if rest.hasPrefix(".values") { return "field.\(row).values" }
            return "field.\(row)" + (rest.isEmpty || rest == ".order" ? ".code" : String(rest))
        }
        for list in ["keywords", "legalBasis", "steps", "provinces"] where path.hasPrefix(list) {
            return list
        }
        switch path {
        case "fee.amountRials": return "feeAmount"
        case "fee.payment": return "feePayment"
        default: return String(path)
        }
    }
}
