import Gateway
import MizSchema
import Testing

@Suite("Catalog editor form: what is typed becomes a draft, and the catalog's problems find their inputs")
struct CatalogEditorFormTests {
    static func posted(_ pairs: [(String, String)]) -> APIQueryParameters {
        APIQueryParameters(
            query: pairs.map { "\($0.0)=\(CatalogAdminGatewayTests.formValue($0.1))" }.joined(separator: "&"))
    }

    @Test("numbers in any digits and with separators; blank rows left out; lines and choices split")
    func draftFromPostedForm() {
        let form = CatalogEditorForm(
            posted: Self.posted([
                ("code", " Forest-Test "), ("title", "عنوان"), ("processingDays", "۱۲"), ("inPersonVisits", "٢"),
                ("feeKind", "fixed"), ("feeAmount", "۱٬۲۰۰٬۰۰۰"), ("feePayment", "پرداخت برخط"),
                ("keywords", "نهال\r\n\r\n  درخت  \n"), ("provincesMode", "only"), ("province", "tehran"),
                ("province", "gilan"), ("documentRows", "3"), ("document.0.key", ""), ("document.1.key", "card"),
                ("document.1.title", "کارت"), ("document.1.maxSizeKB", "۵۱۲"), ("document.1.types", "png"),
                ("document.1.types", "pdf"), ("fieldRows", "1"), ("field.0.code", "kind"),
                ("field.0.datatype", "singlevaluelist"), ("field.0.values", "a: الف\nب"), ("baseVersion", "۳"),
            ]))
        let (draft, documentRows, fieldRows) = form.draft()
        #expect(draft.code == "forest-test")
        #expect(draft.processingDays == 12 && draft.inPersonVisits == 2)
        #expect(draft.fee == Fee(kind: .fixed, amountRials: 1_200_000, payment: "پرداخت برخط"))
        #expect(draft.keywords == ["نهال", "درخت"])
        #expect(draft.provinces == .only(["gilan", "tehran"]))
        #expect(documentRows == [1] && draft.documents.map(\.key) == ["card"])
        #expect(draft.documents[0].maxSizeKB == 512 && draft.documents[0].acceptedTypes == [.pdf, .png])
        #expect(!draft.documents[0].mandatory)
        #expect(fieldRows == [0] && draft.fields[0].order == 1)
        #expect(draft.fields[0].values == [.init(key: "a", name: "الف"), .init(key: "", name: "ب")])
        #expect(form.baseVersion == 3)
        // A number that is not one becomes a value the catalog refuses with its own message.
        let bad = CatalogEditorForm(posted: Self.posted([("processingDays", "ده"), ("inPersonVisits", "-1")]))
        #expect(bad.draft().draft.processingDays == 0 && bad.draft().draft.inPersonVisits == -1)
    }

    @Test("rows are added and removed by the buttons' values; anything else saves")
    func rowActions() {
        var form = CatalogEditorForm()
        #expect(form.documents.count == 1 && form.fields.count == 1)
        #expect(form.apply(CatalogEditorForm.Action("add-document")) == "f-document-1-key")
        #expect(form.documents.count == 2)
        _ = form.apply(CatalogEditorForm.Action("remove-document-0"))
        _ = form.apply(CatalogEditorForm.Action("remove-field-0"))
        _ = form.apply(CatalogEditorForm.Action("remove-field-9"))
        #expect(form.documents.count == 1 && form.fields.isEmpty)
        #expect(CatalogEditorForm.Action("remove-document-x") == .save)
        #expect(CatalogEditorForm.Action(nil) == .save)
    }

    @Test("the catalog's field paths point at the form's inputs, through the rows that were sent")
    func problemsFindInputs() {
        let error = BusError.invalidInput([
            FieldError(field: "profile.title", message: "عنوان خدمت را وارد کنید."),
            FieldError(field: "profile.documents[0].maxSizeKB", message: "حجم"),
            FieldError(field: "profile.fields[1].values[2].key", message: "کلید"),
            FieldError(field: "profile.keywords[4]", message: "کلیدواژه"),
            FieldError(field: "profile.fee.amountRials", message: "مبلغ"),
            FieldError(field: "profile.provinces[0]", message: "استان"),
        ])
        let (byInput, summary) = CatalogEditorView.problems(of: error, documentRows: [2], fieldRows: [0, 3])
        #expect(byInput["title"] != nil && byInput["document.2.maxSizeKB"] == "حجم")
        #expect(byInput["field.3.values"] == "کلید" && byInput["keywords"] == "کلیدواژه")
        #expect(byInput["feeAmount"] == "مبلغ" && byInput["provinces"] == "استان")
        #expect(
            summary.map(\.href) == [
                "#f-title", "#f-document-2-maxSizeKB", "#f-field-3-values", "#f-keywords", "#f-feeAmount",
                "#f-provinces",
            ])
    }
}
