/// The view of every step of the request form and of the fix and withdrawal forms: the
/// service, the hidden draft, the step's inputs, the answers so far and the problems.
package struct RequestFormView: Sendable {
    /// One province to choose.
    package struct ProvinceChoice: Sendable {
        package var id: String
        package var slug: String
        package var name: String
        package var checked: Bool
    }

    /// One answer on the check-your-answers part, with the step that changes it.
    package struct Answer: Sendable {
        package var label: String
        package var value: String
        package var isIdentifier: Bool
        package var step: String
    }

    package var csrf: String
    package var draft: String = ""
    package var serviceCode: String
    package var serviceTitle: String
    /// Where the step's form posts.
    package var action: String = ""
    /// «مرحله ۲ از ۴».
    package var stepText: String = ""
    package var problems: [RequestProblem] = [] {
        didSet { hasProblems = !problems.isEmpty }
    }
    /// Whether the error summary shows (templates see stored properties only).
    package private(set) var hasProblems = false
    /// A general message (a refusal that names no field).
    package var message: String?
    package var applicant: ApplicantDetailsView?
    package var provinces: [ProvinceChoice] = []
    package var provinceProblem: String?
    package var provinceAnchor: String = "province-1"
    package var fields: [RequestFieldView] = []
    package var documents: [RequestDocumentInput] = []
    package var answers: [Answer] = []
    package var idempotencyKey: String = ""
    /// The fix or withdrawal forms: the request's id, number and the official's message.
    package var requestId: String = ""
    package var processNumber: String = ""
    package var fixMessage: String?
    package var reason: String = ""

    package init(csrf: String, serviceCode: String, serviceTitle: String) {
        self.csrf = csrf
        self.serviceCode = serviceCode
        self.serviceTitle = serviceTitle
    }
}
