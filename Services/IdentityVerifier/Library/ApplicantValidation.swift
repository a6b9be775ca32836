import Foundation
import MizPersian
import MizSchema

/// Checks the format of each field of `identity.verifyApplicant`, with the shared Persian
/// utilities, before any registry is asked: a malformed request never reaches a registry.
package enum ApplicantValidation {
    /// The longest name accepted, in characters.
    package static let maximumNameLength = 60

    /// The applicant, or `invalidInput` with one Persian message per malformed field.
    ///
    /// - Parameter today: the current Jalali date; a birth date after it is refused.
    package static func validate(_ request: IdentityVerifyRequest, today: JalaliDate) throws(BusError)
        -> ValidatedApplicant
    {
        var problems: [FieldError] = []
        var nationalCode: NationalCode?
        do {
            nationalCode = try NationalCode(validating: request.nationalCode)
        } catch {
            problems.append(FieldError(field: "nationalCode", message: error.persianMessage))
        }
        var birthDate: JalaliDate?
        switch JalaliDate.parse(request.birthDate) {
        case .success(let date) where date > today:
            problems.append(FieldError(field: "birthDate", message: "تاریخ تولد نمی‌تواند بعد از امروز باشد"))
        case .success(let date) where date.year < 1250:
            problems.append(FieldError(field: "birthDate", message: "سال تولد معتبر نیست"))
        case .success(let date):
            birthDate = date
        case .failure(let error):
            problems.append(FieldError(field: "birthDate", message: error.persianMessage))
        }
        let firstName = checkedName(
            request.firstName, field: "firstName", missing: "نام وارد نشده است", into: &problems)
        let lastName = checkedName(
            request.lastName, field: "lastName", missing: "نام خانوادگی وارد نشده است", into: &problems)
        var mobile: MobileNumber?
        do {
            mobile = try MobileNumber(validating: request.mobile)
        } catch {
            problems.append(FieldError(field: "mobile", message: error.persianMessage))
        }
        guard problems.isEmpty, let nationalCode, let birthDate, let firstName, let lastName, let mobile else {
            throw BusError.invalidInput(problems)
        }
        return ValidatedApplicant(
            nationalCode: nationalCode, birthDate: birthDate, firstName: firstName, lastName: lastName, mobile: mobile)
    }

    /// The name cleaned for display, or nil with a problem recorded: empty, too long, or with
    /// characters other than Persian letters, spaces and ZWNJ.
    private static func checkedName(
        _ text: String, field: String, missing: String, into problems: inout [FieldError]
    ) -> String? {
        let name = PersianText.normalizedForDisplay(text)
        guard !name.isEmpty else {
            problems.append(FieldError(field: field, message: missing))
            return nil
        }
        // A name has at most as many characters as scalars, so the grapheme count is only
        // needed for a long one.
        guard name.unicodeScalars.count <= maximumNameLength || name.count <= maximumNameLength else {
            problems.append(
                FieldError(field: field, message: "حداکثر \(PersianDigits.display(maximumNameLength)) حرف مجاز است"))
            return nil
        }
        guard name.unicodeScalars.allSatisfy(isNameScalar), !ValidatedApplicant.nameKey(name).isEmpty else {
            problems.append(FieldError(field: field, message: "فقط حروف فارسی مجاز است"))
            return nil
        }
        return name
    }

    /// Letters and marks of the Arabic script (without its digits), space and ZWNJ.
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0660...0x0669, 0x06F0...0x06F9: false
        case 0x0620...0x06FF, 0xFB50...0xFDFF, 0xFE70...0xFEFC: true
        case 0x20, 0x200C: true
        default: false
        }
    }
}
