import Foundation
import MizPersian
import MizSchema

/// Checks of the fields people type, each giving a Persian problem for its field.
package enum FeedbackInput {
    /// The shortest complaint, answer or message.
    package static let minimumTextLength = 10
    /// The longest complaint, answer or message.
    package static let maximumTextLength = 2000
    /// The longest survey comment.
    package static let maximumCommentLength = 1000

    /// `text` normalized for display and checked for length, or a problem on `field`.
    package static func text(
        _ text: String, field: String, minimum: Int = minimumTextLength, maximum: Int = maximumTextLength,
        problems: inout [FieldError]
    ) -> String {
        let cleaned = PersianText.normalizedForDisplay(text)
        if cleaned.count < minimum {
            problems.append(
                FieldError(
                    field: field,
                    message: cleaned.isEmpty
                        ? "این بخش را پر کنید" : "متن باید دست‌کم \(PersianDigits.display(minimum)) نویسه باشد"))
        } else if cleaned.count > maximum {
            problems.append(
                FieldError(field: field, message: "متن باید حداکثر \(PersianDigits.display(maximum)) نویسه باشد"))
        }
        return cleaned
    }

    /// The answers with their comment normalized (nil when blank), or problems on `answers.*`.
    package static func answers(_ answers: SurveyAnswers, problems: inout [FieldError]) -> SurveyAnswers {
        var cleaned = answers
        if !(1...5).contains(answers.satisfaction) {
            problems.append(
                FieldError(field: "answers.satisfaction", message: "میزان رضایت را از ۱ تا ۵ انتخاب کنید"))
        }
        let comment = PersianText.normalizedForDisplay(answers.comment ?? "")
        if comment.count > maximumCommentLength {
            problems.append(
                FieldError(
                    field: "answers.comment",
                    message: "توضیحات باید حداکثر \(PersianDigits.display(maximumCommentLength)) نویسه باشد"))
        }
        cleaned.comment = comment.isEmpty ? nil : comment
        return cleaned
    }

    /// A province slug from a slug or its Persian or English name, or a problem on `field`.
    package static func province(_ typed: String?, field: String = "province", problems: inout [FieldError])
        -> String?
    {
        guard let typed = typed?.trimmingCharacters(in: .whitespacesAndNewlines), !typed.isEmpty else { return nil }
        if let province = Province(slug: typed) ?? Province(matching: typed) { return province.slug }
        problems.append(FieldError(field: field, message: "استان انتخاب‌شده معتبر نیست"))
        return nil
    }

    /// A catalog service code (lowercase letters, digits and dashes), or a problem.
    package static func serviceCode(_ typed: String?, problems: inout [FieldError]) -> String? {
        guard let typed = typed?.trimmingCharacters(in: .whitespacesAndNewlines), !typed.isEmpty else { return nil }
        let valid =
            typed.count <= 100
            && typed.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !valid { problems.append(FieldError(field: "serviceCode", message: "کد خدمت معتبر نیست")) }
        return valid ? typed : nil
    }

    /// The page and page size checked, or problems.
    package static func page(_ page: Int, size: Int, problems: inout [FieldError]) {
        if page < 1 { problems.append(FieldError(field: "page", message: "شماره صفحه باید از ۱ شروع شود")) }
        if !(1...100).contains(size) {
            problems.append(FieldError(field: "pageSize", message: "اندازه صفحه باید بین ۱ تا ۱۰۰ باشد"))
        }
    }
}
