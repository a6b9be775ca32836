import MizSchema

/// The notifier's templates: every version of every kind, and which version is current.
///
/// To change a wording, add the next version here; the previous ones stay so that a sender
/// pinned to a version (and the delivery log) keeps its meaning.
package enum NotificationTemplates {
    /// Every template, all versions.
    package static let all: [NotificationTemplate] = [
        NotificationTemplate(
            kind: .loginCode, version: 1, parameters: ["code"], identifiers: [],
            text: "میز خدمت منابع طبیعی\nکد ورود شما: {code}\nاین کد را در اختیار دیگران قرار ندهید."),
        NotificationTemplate(
            kind: .requestReceived, version: 1, parameters: ["processNumber", "trackingCode"],
            identifiers: ["processNumber", "trackingCode"],
            text: """
                درخواست شما در میز خدمت منابع طبیعی ثبت شد.
                شماره فرآیند: {processNumber}
                کد رهگیری: {trackingCode}
                این دو را برای پیگیری نگه دارید.
                """),
        NotificationTemplate(
            kind: .fixRequested, version: 1, parameters: ["processNumber"], identifiers: ["processNumber"],
            text:
                "درخواست {processNumber} شما نیاز به رفع نقص دارد. لطفاً به پنل کاربری خود در میز خدمت منابع طبیعی مراجعه کنید."
        ),
        NotificationTemplate(
            kind: .resultReady, version: 1, parameters: ["processNumber"], identifiers: ["processNumber"],
            text:
                "نتیجه درخواست {processNumber} شما آماده است. برای مشاهده به پنل کاربری خود در میز خدمت منابع طبیعی مراجعه کنید."
        ),
        NotificationTemplate(
            kind: .complaintAnswered, version: 1, parameters: ["processNumber"], identifiers: ["processNumber"],
            text:
                "به شکایت شما درباره درخواست {processNumber} پاسخ داده شد. پاسخ در پنل کاربری شما در میز خدمت منابع طبیعی آمده است."
        ),
    ]

    /// The template of `kind` at `version`, or at its current (highest) version when nil.
    package static func template(_ kind: NotificationKind, version: Int? = nil) -> NotificationTemplate? {
        let versions = all.filter { $0.kind == kind }
        if let version { return versions.first { $0.version == version } }
        return versions.max { $0.version < $1.version }
    }
}
