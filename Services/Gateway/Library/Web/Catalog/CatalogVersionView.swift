import Foundation
import MizPersian
import MizSchema

/// One version of a service's card, read-only (`/kartabl/khadamat/{code}/noskheha/{version}`):
/// every field as the public profile words it, with the fields that differ from the version
/// before marked in words («تغییر کرده در این نسخه»), not by colour alone.
package struct CatalogVersionView: Sendable {
    /// One field of the card.
    package struct Entry: Sendable {
        package var label: String
        package var lines: [String]
        package var isChanged: Bool
    }

    package var code: String
    package var heading: String
    package var versionText: String
    package var stored: String
    package var state: String
    package var entries: [Entry]
    /// «۳ بخش نسبت به نسخه ۲ تغییر کرده است», or the first version's note.
    package var changesText: String
    package var hasChanges: Bool
    package var versionsLink: String
    package var previousLink: String?
    package var nextLink: String?

    /// The card of `profile`, compared with `previous` (nil for version 1); `current` is the
    /// service's current version, for the link to the next one.
    package init(
        profile: ServiceProfile, previous: ServiceProfile?, current: Int, categories: [CatalogCategory]
    ) {
        code = profile.code
        heading = "شناسنامه «\(WebFormat.text(profile.title))»، نسخه \(WebFormat.number(profile.version))"
        versionText = WebFormat.number(profile.version)
        stored = InboxDates.moment(profile.updatedAt)
        state = profile.active ? "فعال" : "غیرفعال"
        let now = Self.fields(profile, categories: categories)
        let before = previous.map { Self.fields($0, categories: categories) }
        entries = now.enumerated().map { index, field in
            Entry(
                label: field.label, lines: field.lines.isEmpty ? ["—"] : field.lines,
                isChanged: before.map { $0[index].lines != field.lines } ?? false)
        }
        let changed = entries.filter(\.isChanged).count
        hasChanges = changed > 0
        if let previous {
            changesText =
                changed == 0
                ? "هیچ بخشی نسبت به نسخه \(WebFormat.number(previous.version)) تغییر نکرده است."
                : "\(WebFormat.count(changed, "بخش")) نسبت به نسخه \(WebFormat.number(previous.version)) تغییر کرده و با «تغییر کرده در این نسخه» نشان داده شده است."
        } else {
            changesText = "این نخستین نسخه شناسنامه است."
        }
        versionsLink = CatalogAdminPages.versionsPath(profile.code)
        previousLink = profile.version > 1 ? CatalogAdminPages.versionPath(profile.code, profile.version - 1) : nil
        nextLink = profile.version < current ? CatalogAdminPages.versionPath(profile.code, profile.version + 1) : nil
    }

    /// The fields of a card in the public profile's words, always in the same order, so two
    /// versions compare field by field as a reader sees them.
    static func fields(_ profile: ServiceProfile, categories: [CatalogCategory]) -> [(label: String, lines: [String])] {
        let view = ProfileView(profile: profile, categories: categories, province: nil)
        let provinces = view.offeredEverywhere ? [view.provincesSummary] : view.offeredProvinces.map(\.name)
        return [
            ("عنوان", [view.title]),
            ("خلاصه", [view.summary]),
            ("شرح خدمت", view.descriptionParagraphs),
            ("دسته", [view.categoryTitle]),
            ("نام‌های دیگر", view.keywords.map { [$0] } ?? []),
            ("گیرندگان خدمت", [view.audience]),
            ("نوع گیرنده", [view.recipients]),
            ("ماهیت خدمت", [view.nature]),
            ("سطح تصمیم‌گیری", [view.level]),
            ("سطح الکترونیکی", [view.electronicLevel]),
            ("مراجعه حضوری", [view.inPersonVisits] + (view.inPersonReason.map { [$0] } ?? [])),
            (
                "مدارک مورد نیاز",
                view.documents.map {
                    "\($0.title) (\($0.mandatory ? "الزامی" : "اختیاری")): \($0.description)؛ \($0.fileTypes)؛ \($0.maximumSize)"
                }
            ),
            (
                "اطلاعات فرم درخواست",
                view.fields.map {
                    "\($0.label) (\($0.kind)، \($0.required ? "الزامی" : "اختیاری"))"
                        + ($0.choices.map { ": \($0)" } ?? "")
                }
            ),
            ("زمان رسیدگی", [view.processingTime]),
            ("هزینه", [view.fee]),
            ("مبنای قانونی", view.legalBasis),
            ("مراحل انجام کار", view.steps),
            ("واحد پاسخ‌گو", [view.responsibleUnit]),
            ("استان‌های ارائه‌دهنده", provinces),
            ("دفعات استفاده", [view.frequency]),
            ("آغاز خدمت", [view.start]),
            ("وضعیت", [profile.active ? "فعال" : "غیرفعال"]),
            ("یادداشت مقدارهای پیش‌فرض", view.defaultsNote.map { [$0] } ?? []),
        ]
    }
}
