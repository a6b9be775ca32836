import Foundation
import MizPersian

/// Numbers in Persian messages: Persian digits, at most one decimal, no trailing zero.
package enum PersianNumber {
    /// `value` in Persian digits, e.g. 2.5 → «۲٫۵», 5 → «۵».
    package static func display(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return PersianDigits.display(Int(rounded)) }
        return PersianDigits.display(String(rounded)).replacingOccurrences(of: ".", with: "٫")
    }
}
