import Foundation
import MizPersian
import MizSchema

/// The page of a service's past versions (`/kartabl/khadamat/{code}/noskheha`): each version
/// with its number, the Jalali day and time it was stored, its title and state, newest first,
/// each linking to its read-only card.
package struct CatalogVersionsView: Sendable {
    /// One version in the table.
    package struct Row: Sendable {
        package var number: String
        package var link: String
        package var stored: String
        package var title: String
        package var state: String
        package var isCurrent: Bool
    }

    package var code: String
    package var heading: String
    package var editLink: String
    package var isAdministrator: Bool
    package var rows: [Row]
    package var countText: String

    /// The page of `list`, headed by the current title.
    package init(list: ServiceVersionList, isAdministrator: Bool) {
        code = list.code
        let title = list.versions.first.map { WebFormat.text($0.title) } ?? list.code
        heading = "نسخه‌های شناسنامه «\(title)»"
        editLink = CatalogAdminPages.editPath(list.code)
        self.isAdministrator = isAdministrator
        rows = list.versions.map { version in
            Row(
                number: WebFormat.number(version.version),
                link: CatalogAdminPages.versionPath(list.code, version.version),
                stored: InboxDates.moment(version.updatedAt), title: WebFormat.text(version.title),
                state: version.active ? "فعال" : "غیرفعال", isCurrent: version.version == list.currentVersion)
        }
        countText = WebFormat.count(list.versions.count, "نسخه")
    }
}
