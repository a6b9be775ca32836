/// The Persian texts of `identity.verifyApplicant`'s failures, shared so that the gateway can
/// recognise them and a client in another language can read them from the wire-format page.
///
/// A registry mismatch and a mobile number that does not belong to the national code both
/// fail with the same `BusError`: code `invalidInput`, message ``applicantInvalid`` and the
/// fields ``applicantInvalidHints`` — so that nobody learns which part of someone's record
/// did not match. A registry that cannot answer fails with `unavailable` and
/// ``registryUnavailable``, never with the mismatch, so nobody is told their data is wrong
/// while the registry is down.
public enum IdentityVerificationMessages {
    /// The organization's own message for data the civil registry does not confirm.
    public static let applicantInvalid = "اطلاعات متقاضی معتبر نمی باشد"

    /// The FAQ's two hints, attached to the fields they are about. The FAQ's birth-date hint
    /// forbids typing the date; the form accepts a typed date in any digits, so the hint
    /// says both ways, as the desk's own FAQ page does.
    public static let applicantInvalidHints: [FieldError] = [
        FieldError(
            field: "nationalCode",
            message: "اطمینان حاصل کنید که تاریخ تولد و کد ملی خود را به صورت دقیق وارد نموده اید."),
        FieldError(
            field: "birthDate",
            message:
                "تاریخ تولد را همان‌گونه که در شناسنامه آمده است، به تقویم هجری شمسی، وارد کنید: آن را از تقویم صفحه انتخاب کنید یا به شکل ۱۳۷۰/۰۵/۲۱ بنویسید."
        ),
    ]

    /// Said when a registry is down, slow or answers nonsense.
    public static let registryUnavailable =
        "ارتباط با سامانه ثبت احوال یا شاهکار برقرار نشد؛ لطفاً چند دقیقه بعد دوباره تلاش کنید."

    /// The error for a mismatch or an unowned mobile, identical for both.
    public static var applicantInvalidError: BusError {
        BusError(.invalidInput, message: applicantInvalid, fields: applicantInvalidHints)
    }

    /// The error for a registry that cannot answer now.
    public static var registryUnavailableError: BusError {
        BusError(.unavailable, message: registryUnavailable)
    }
}
