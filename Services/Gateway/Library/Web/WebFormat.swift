import MizPersian
import MizSchema

/// The words and numbers the pages show for the catalog's values: Persian labels for its
/// enumerations and every number in Persian digits.
package enum WebFormat {
    /// The Persian thousands separator (U+066C).
    static let thousandsSeparator = "\u{066C}"
    /// The Persian decimal separator (U+066B).
    static let decimalSeparator = "\u{066B}"

    /// An integer in Persian digits, grouped by thousands: 1250000 → «۱٬۲۵۰٬۰۰۰».
    package static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "−" : "") + PersianDigits.display(groups.joined(separator: thousandsSeparator))
    }

    /// A count of things: «۳۴ خدمت».
    package static func count(_ value: Int, _ noun: String) -> String {
        "\(number(value)) \(noun)"
    }

    /// Text from the catalog as shown: every digit in Persian.
    package static func text(_ value: String) -> String {
        PersianDigits.display(value)
    }

    /// A file size limit given in kilobytes: «۵۰۰ کیلوبایت», «۲ مگابایت», «۲٫۵ مگابایت».
    package static func fileSize(kilobytes: Int) -> String {
        guard kilobytes >= 1024 else { return "\(number(kilobytes)) کیلوبایت" }
        let tenths = (kilobytes * 10 + 512) / 1024
        let whole = tenths / 10
        let fraction = tenths % 10
        let amount = fraction == 0 ? number(whole) : "\(number(whole))\(decimalSeparator)\(number(fraction))"
        return "\(amount) مگابایت"
    }

    /// A number of working days: «۳۰ روز کاری».
    package static func workingDays(_ days: Int) -> String {
        "\(number(days)) روز کاری"
    }

    /// What a service costs, in a sentence.
    package static func fee(_ fee: Fee) -> String {
        switch fee.kind {
        case .free:
            return "رایگان"
        case .fixed:
            let amount = fee.amountRials.map { "\(number($0)) ریال" } ?? "مبلغ ثابت"
            return fee.payment.map { "\(amount)؛ \(text($0))" } ?? amount
        case .tariff:
            return fee.payment.map { "بر اساس تعرفه مصوب: \(text($0))" } ?? "بر اساس تعرفه مصوب"
        }
    }

    /// What a service costs, in two or three words for a summary: «رایگان», «بر اساس تعرفه».
    package static func feeInShort(_ fee: Fee) -> String {
        switch fee.kind {
        case .free: "رایگان"
        case .fixed: fee.amountRials.map { "\(number($0)) ریال" } ?? "مبلغ ثابت"
        case .tariff: "بر اساس تعرفه مصوب"
        }
    }

    /// The electronic level's name.
    package static func electronicLevel(_ level: ElectronicLevel) -> String {
        switch level {
        case .information: "اطلاع‌رسانی (تنها اطلاعات خدمت برخط است)"
        case .interactive: "تعاملی (درخواست و مدارک برخط فرستاده می‌شود)"
        case .transactional: "تراکنشی (همه مراحل، با پرداخت، برخط انجام می‌شود)"
        }
    }

    /// The nature's name in the national catalogue's words.
    package static func nature(_ nature: ServiceNature) -> String {
        switch nature {
        case .sovereign: "حاکمیتی"
        case .operational: "تصدی‌گری"
        case .support: "پشتیبانی"
        }
    }

    /// The recipient kind's name.
    package static func recipient(_ type: RecipientType) -> String {
        switch type {
        case .g2c: "شهروندان"
        case .g2b: "کسب‌وکارها"
        case .g2g: "دستگاه‌های دولتی"
        }
    }

    /// The deciding level's name.
    package static func level(_ level: ServiceLevel) -> String {
        switch level {
        case .national: "ملی (ستاد سازمان)"
        case .provincial: "استانی (اداره کل استان)"
        case .county: "شهرستانی (اداره شهرستان)"
        }
    }

    /// How often one person may use the service.
    package static func frequency(_ frequency: ServiceFrequency) -> String {
        switch frequency {
        case .once: "یک بار"
        case .yearly: "سالی یک بار"
        case .asNeeded: "هر بار که لازم باشد"
        }
    }

    /// How the service starts.
    package static func start(_ start: ServiceStart) -> String {
        switch start {
        case .request: "به درخواست متقاضی"
        case .date: "در موعد مقرر هر دوره"
        }
    }

    /// What a form field asks for.
    package static func datatype(_ datatype: FormAttribute.Datatype) -> String {
        switch datatype {
        case .string: "متن کوتاه"
        case .number: "عدد"
        case .datetime: "تاریخ (هجری شمسی)"
        case .text: "متن بلند"
        case .singlevaluelist: "انتخاب یک گزینه"
        case .multivaluelist: "انتخاب یک یا چند گزینه"
        }
    }

    /// The file kinds as people know them by their extension: «PDF، JPEG، PNG».
    package static func fileTypes(_ types: [DocumentFileType]) -> String {
        types.map { $0.rawValue.uppercased() }.joined(separator: "، ")
    }

    /// In-person visits: «نیاز نیست» or «۱ بار».
    package static func visits(_ count: Int) -> String {
        count == 0 ? "نیاز نیست" : "\(number(count)) بار"
    }
}
