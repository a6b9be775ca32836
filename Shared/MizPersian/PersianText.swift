import Foundation

/// Normalization of Persian (and mixed Persian/Arabic/Latin) text for search, comparison
/// and display.
///
/// Persian text typed on different keyboards or copied from Arabic sources mixes look-alike
/// letters, digit systems and invisible characters; these functions fold such variants so
/// that the same word always yields the same string.
///
/// Search folding (`normalizedForSearch(_:)`), in order:
/// 1. Unicode NFKC, which also turns Arabic presentation forms (ﻙ, ﻳ, ﷲ …), full-width
///    letters and composed look-alikes into their base letters.
/// 2. Letters lowercased.
/// 3. ي (U+064A), ى (U+0649) and ئ (U+0626) → ی (U+06CC). ئ is folded everywhere, not only
///    at the end of a word, because Persian writes both «پائیز» and «پاییز», «آئین» and
///    «آیین»; a consequence is that «مسئول» is searched as «مسیول». Hamza written as a
///    separate mark (ی + U+0654) folds the same way.
/// 4. ك (U+0643) → ک (U+06A9).
/// 5. ة (U+0629) and ۀ (U+06C0) → ه (U+0647): «خانهٔ», «خانۀ» and «خانه» all match.
///    Nothing is ever mapped to Kurdish ە (U+06D5).
/// 6. أ إ آ ٱ → ا, and ؤ → و.
/// 7. Arabic combining marks removed: harakat and tanvin U+064B–U+065F (including maddah
///    and hamza above/below U+0653–U+0655), superscript alef U+0670, the marks U+0610–U+061A
///    and the combining Quranic marks in U+06D6–U+06ED; tatweel U+0640 removed.
/// 8. Invisible characters removed *without* leaving a space: ZWNJ U+200C, ZWSP U+200B,
///    ZWJ U+200D, LRM/RLM U+200E/U+200F, ALM U+061C, soft hyphen U+00AD, BOM U+FEFF, word
///    joiner U+2060 and the bidi controls U+202A–U+202E and U+2066–U+2069. So «می‌روم»
///    becomes «میروم»; «می روم» keeps its space — use `compactedForSearch(_:)` or
///    `matchesSearch(_:in:)` to match across different spacing.
/// 9. Persian and Arabic-Indic digits → ASCII digits.
/// 10. Every whitespace run (space, tab, newline, NBSP, U+2000–U+200A, …) → one space;
///     leading and trailing whitespace trimmed.
/// 11. Unicode NFC of the result.
///
/// Punctuation is kept. Both normalizations are idempotent.
///
/// Both take a shortcut for text as typed (a name, a title: Persian letters, ASCII, single
/// spaces): display returns it as it is, search folds it scalar by scalar, without the
/// Unicode-property walk and the two Unicode normalizations. The shortcut gives the same
/// result as the full fold (`foldedForSearch(_:)`, `foldedForDisplay(_:)`), which the
/// tests check on random text.
package enum PersianText {
    /// Folds `text` into the canonical search form described in the type documentation.
    ///
    /// Two strings a Persian reader would consider the same word or phrase have the same
    /// search form; the operation is idempotent.
    package static func normalizedForSearch(_ text: String) -> String {
        searchFormByScalars(text) ?? foldedForSearch(text)
    }

    /// The full search fold of `text`, without the shortcut for text already in search form;
    /// `normalizedForSearch(_:)` gives the same result faster.
    package static func foldedForSearch(_ text: String) -> String {
        let prepared = text.precomposedStringWithCompatibilityMapping.lowercased()
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in prepared.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            guard let folded = searchFolding(of: scalar) else { continue }
            if pendingSpace {
                output.append(" ")
                pendingSpace = false
            }
            output.append(folded)
        }
        return String(output).precomposedStringWithCanonicalMapping
    }

    /// Returns the search form of `text` with all spaces removed, so that «می روم»,
    /// «می‌روم» and «میروم» share one key; use it for spacing-insensitive matching.
    package static func compactedForSearch(_ text: String) -> String {
        let normalized = normalizedForSearch(text)
        guard normalized.utf8.contains(0x20) else { return normalized }
        return String(normalized.unicodeScalars.filter { $0 != " " })
    }

    /// Returns whether `query` occurs in `text` after both are folded with
    /// `compactedForSearch(_:)`; an empty query matches everything.
    ///
    /// Because spaces are ignored, a query may match across word boundaries.
    package static func matchesSearch(_ query: String, in text: String) -> Bool {
        let needle = compactedForSearch(query)
        guard !needle.isEmpty else { return true }
        return compactedForSearch(text).contains(needle)
    }

    /// Splits the search form of `text` into words: maximal runs of letters, digits and
    /// combining marks; spaces and punctuation separate words and are dropped.
    package static func searchTokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in normalizedForSearch(text).unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    /// Lightly cleans `text` for display while keeping its spelling: ي/ى → ی, ك → ک,
    /// tatweel removed, whitespace runs collapsed to one space and trimmed, ZWNJ runs
    /// collapsed to one ZWNJ and ZWNJ next to a space or at either end removed.
    ///
    /// Diacritics, other invisible characters and digits are kept; the result is in NFC and
    /// the operation is idempotent.
    package static func normalizedForDisplay(_ text: String) -> String {
        isInDisplayForm(text) ? text : foldedForDisplay(text)
    }

    /// The full display cleanup of `text`, without the shortcut for text already in display
    /// form; `normalizedForDisplay(_:)` gives the same result faster.
    package static func foldedForDisplay(_ text: String) -> String {
        var output: [Unicode.Scalar] = []
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !output.isEmpty
                continue
            }
            if scalar == zeroWidthNonJoiner {
                if pendingSpace || output.isEmpty || output.last == zeroWidthNonJoiner { continue }
                output.append(scalar)
                continue
            }
            let folded: Unicode.Scalar
            switch scalar.value {
            case 0x0640: continue  // tatweel
            case 0x064A, 0x0649: folded = "\u{06CC}"
            case 0x0643: folded = "\u{06A9}"
            default: folded = scalar
            }
            if pendingSpace {
                if output.last == zeroWidthNonJoiner { output.removeLast() }
                output.append(" ")
                pendingSpace = false
            }
            output.append(folded)
        }
        if output.last == zeroWidthNonJoiner { output.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: output)
        return String(view).precomposedStringWithCanonicalMapping
    }

    /// The search form of `text` folded scalar by scalar, or nil when that is not safe and
    /// the full fold is needed; `text` itself (no copy) when it is already in search form.
    ///
    /// Safe means: only ASCII other than capitals, the Persian letters, the single-letter
    /// variants the fold maps (ي ى ئ ك ة ۀ آ أ إ ٱ ؤ), Persian and Arabic-Indic digits and
    /// ZWNJ, with the spaces of the result single and inside it. None of those scalars is a
    /// combining mark or has a compatibility form, so NFKC, lower-casing and NFC leave them as
    /// they are; anything else (a mark, tatweel, another invisible or whitespace, another
    /// script) takes the full fold.
    package static func searchFormByScalars(_ text: String) -> String? {
        var changes = false
        var previousWasSpace = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x20:
                if previousWasSpace { return nil }
                previousWasSpace = true
            case 0x41...0x5A:
                return nil
            case 0x21...0x7E:
                previousWasSpace = false
            case 0x200C:
                changes = true
            case 0x0622...0x0626, 0x0629, 0x0643, 0x0649, 0x064A, 0x0671, 0x06C0, 0x0660...0x0669, 0x06F0...0x06F9:
                changes = true
                previousWasSpace = false
            default:
                guard isFoldedPersianLetter(value) else { return nil }
                previousWasSpace = false
            }
        }
        guard !previousWasSpace else { return nil }
        guard changes else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = searchFolding(of: scalar) { output.append(folded) }
        }
        return String(output)
    }

    /// Whether `text` is already its own display form, so the cleanup would return it
    /// unchanged: printable ASCII, Persian and Arabic-Indic digits, the Persian letters (with
    /// آ أ إ ؤ ئ ة ۀ, which display keeps) and single spaces or ZWNJs between them.
    ///
    /// The letters are all precomposed and none is a combining mark, so NFC leaves them as
    /// they are; anything else takes the full cleanup.
    package static func isInDisplayForm(_ text: String) -> Bool {
        var previousWasSeparator = true
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x20, 0x200C:
                if previousWasSeparator { return false }
                previousWasSeparator = true
                continue
            case 0x21...0x7E, 0x0660...0x0669, 0x06F0...0x06F9, 0x0622...0x0626, 0x0629, 0x06C0:
                break
            default:
                guard isFoldedPersianLetter(value) else { return false }
            }
            previousWasSeparator = false
        }
        return !previousWasSeparator
    }

    /// Whether `value` is a letter of the Persian alphabet as both folds leave it: ء ا ب پ
    /// ت–غ ف ق ک گ ل م ن ه و ی (and not ي ى ك ة or a hamza or madda form).
    private static func isFoldedPersianLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0x0621, 0x0627, 0x0628, 0x062A...0x063A, 0x0641, 0x0642, 0x0644...0x0648: true
        case 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC: true
        default: false
        }
    }

    /// The zero-width non-joiner (U+200C, «نیم‌فاصله»).
    private static let zeroWidthNonJoiner: Unicode.Scalar = "\u{200C}"

    /// Maps one non-whitespace scalar to its search form, or `nil` when it is removed.
    private static func searchFolding(of scalar: Unicode.Scalar) -> Unicode.Scalar? {
        if let digit = PersianDigits.value(of: scalar) {
            return Unicode.Scalar(0x30 + UInt32(digit))
        }
        switch scalar.value {
        case 0x064A, 0x0649, 0x0626: return "\u{06CC}"  // ي ى ئ → ی
        case 0x0643: return "\u{06A9}"  // ك → ک
        case 0x0629, 0x06C0: return "\u{0647}"  // ة ۀ → ه
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"  // آ أ إ ٱ → ا
        case 0x0624: return "\u{0648}"  // ؤ → و
        case 0x0640: return nil  // tatweel
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670: return nil  // Arabic marks
        case 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED: return nil
        case 0x200B...0x200F, 0x00AD, 0xFEFF, 0x2060, 0x061C: return nil  // invisible
        case 0x202A...0x202E, 0x2066...0x2069: return nil  // bidi controls
        default: return scalar
        }
    }

    /// Returns whether `scalar` belongs inside a search token (letter, digit or mark).
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark,
            .enclosingMark:
            true
        default:
            false
        }
    }
}
