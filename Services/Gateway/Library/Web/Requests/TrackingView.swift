/// The tracking page (/peygiri): the form, its problems and, once found, the request's status.
package struct TrackingView: Sendable {
    package var csrf: String
    package var processNumber: String = ""
    package var trackingCode: String = ""
    package var problems: [RequestProblem] = [] {
        didSet { hasProblems = !problems.isEmpty }
    }
    /// Whether the error summary shows (templates see stored properties only).
    package private(set) var hasProblems = false
    package var processNumberProblem: String?
    package var trackingCodeProblem: String?
    package var result: RequestStatusView?

    package init(csrf: String) {
        self.csrf = csrf
    }
}
