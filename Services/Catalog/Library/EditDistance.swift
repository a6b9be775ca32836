/// The one edit distance question search needs, answered in linear time: are two words at
/// most one typo apart?
///
/// A typo is one letter inserted, deleted or replaced, or two neighbouring letters swapped
/// (the Damerau–Levenshtein distance, restricted form). The full dynamic programme is not
/// needed for a bound of one, and this is what keeps search within its time budget.
package enum EditDistance {
    /// Whether `a` and `b` are equal or one typo apart.
    package static func isWithinOne(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>) -> Bool {
        let difference = a.count - b.count
        if difference > 1 || difference < -1 { return false }
        var i = a.startIndex
        var j = b.startIndex
        while i < a.endIndex, j < b.endIndex, a[i] == b[j] {
            i += 1
            j += 1
        }
        if i == a.endIndex || j == b.endIndex { return true }
        switch difference {
        case 0:
            // Replace a[i] by b[j] …
            if a[(i + 1)...].elementsEqual(b[(j + 1)...]) { return true }
            // … or swap a[i] and a[i + 1].
            return i + 1 < a.endIndex && a[i] == b[j + 1] && a[i + 1] == b[j]
                && a[(i + 2)...].elementsEqual(b[(j + 2)...])
        case 1:
            return a[(i + 1)...].elementsEqual(b[j...])
        default:
            return a[i...].elementsEqual(b[(j + 1)...])
        }
    }
}
