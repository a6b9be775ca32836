import Foundation
import MizPersian
import MizSchema

/// How the request pages write dates, numbers and actions for people.
package enum RequestFormat {
    /// A date as Persian Jalali text: «۱۲ مرداد ۱۴۰۵».
    package static func date(_ date: Date) -> String {
        let jalali = JalaliDate(gregorian: date)
        return "\(PersianDigits.display(jalali.day)) \(JalaliDate.monthNames[jalali.month - 1]) "
            + PersianDigits.display(jalali.year)
    }

    /// A date with the time of day in Tehran.
    package static func dateTime(_ date: Date) -> String {
        "\(Self.date(date))، ساعت \(WebClock.time(date).prefix(5))"
    }

    /// An identifier (process number, tracking code) for the screen: Persian digits.
    package static func identifier(_ text: String) -> String {
        PersianDigits.display(text)
    }

    /// What a history entry's action means, as the citizen reads it.
    package static func action(_ action: String) -> String {
        switch action {
        case "submit": "ثبت درخواست"
        case "claim": "آغاز بررسی توسط کارشناس"
        case "askForFix": "درخواست رفع نقص"
        case "submitFix": "ارسال رفع نقص"
        case "approve": "تأیید درخواست"
        case "reject": "رد درخواست"
        case "withdraw": "انصراف متقاضی"
        default: action
        }
    }
}
