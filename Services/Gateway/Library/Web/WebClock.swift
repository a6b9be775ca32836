import Foundation
import MizPersian

/// Times on pages: Iran's clock (Asia/Tehran), Persian digits.
package enum WebClock {
    /// "۱۴:۰۵:۳۰" in Tehran time.
    package static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tehran") ?? .current
        let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
        let text = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        return PersianDigits.display(text)
    }
}
