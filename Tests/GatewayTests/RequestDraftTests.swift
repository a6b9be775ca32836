import Gateway
import MizSchema
import Testing

@Suite("Gateway: the request form's draft and questions")
struct RequestDraftTests {
    @Test("a draft survives its hidden field, Persian text and all; a broken field is an empty draft")
    func roundTrip() {
        var draft = RequestDraft()
        draft.applicant = ["nationalCode": "۰۰۱۲۳۴۵۶۷۹", "firstName": "علی & «رضا»", "birthDateText": "۱۳۷۰/۰۵/۱۲"]
        draft.province = "tehran"
        draft.fields = ["species": "pine,oak", "county": "لواسان=شمیرانات"]
        let encoded = draft.encoded
        #expect(encoded.allSatisfy { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || "-_".contains($0) })
        #expect(RequestDraft(encoded: encoded) == draft)
        #expect(RequestDraft(encoded: "not a draft!") == RequestDraft())
        #expect(RequestDraft(encoded: nil) == RequestDraft())
    }

    @Test("each datatype gets its input; a list's answer shows its names; the summary links to the first choice")
    func questions() {
        let list = FormAttribute(
            code: "species", datatype: .multivaluelist, required: true, description: "گونه‌ها", order: 1,
            values: [.init(key: "pine", name: "کاج"), .init(key: "oak", name: "بلوط")])
        let view = RequestFieldView(list, value: "oak", problem: "گونه‌ای انتخاب کنید.")
        #expect(view.isMulti && !view.isSingle && !view.isLine)
        #expect(view.choices.map(\.checked) == [false, true])
        #expect(view.anchor == "field-species-1")
        #expect(RequestFieldView.display(list, value: "pine,oak") == "کاج، بلوط")
        let date = FormAttribute(code: "on", datatype: .datetime, required: false, description: "تاریخ", order: 2)
        #expect(RequestFieldView(date, value: nil, problem: nil).isDate)
        #expect(RequestFieldView.display(date, value: "1405-02-10") == "۱۴۰۵/۰۲/۱۰")
        let text = FormAttribute(code: "note", datatype: .string, required: true, description: "نشانی", order: 3)
        #expect(RequestFieldView.display(text, value: "کوچه ۲-۳") == "کوچه ۲-۳")
    }
}
