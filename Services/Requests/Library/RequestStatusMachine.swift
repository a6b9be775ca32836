import MizSchema

/// The legal moves of a request, as a pure function of its status and an action:
/// submitted → underReview → needsFix → fixed → underReview → approved | rejected, and
/// withdrawn by the citizen from any status before a decision.
package enum RequestStatusMachine {
    /// The status `action` moves a request in `status` to, or nil when the move is illegal.
    /// `note` never moves a request and is legal in every status.
    package static func next(from status: RequestStatus, on action: RequestAction) -> RequestStatus? {
        switch (status, action) {
        case (_, .note): status
        case (.submitted, .claim), (.fixed, .claim): .underReview
        case (.underReview, .askForFix): .needsFix
        case (.needsFix, .submitFix): .fixed
        case (.underReview, .approve): .approved
        case (.underReview, .reject): .rejected
        case (.submitted, .withdraw), (.underReview, .withdraw), (.needsFix, .withdraw), (.fixed, .withdraw):
            .withdrawn
        default: nil
        }
    }

    /// The Persian message of the `conflict` an illegal move gets.
    package static func conflictMessage(from status: RequestStatus, on action: RequestAction) -> String {
        "«\(action.persianName)» برای درخواستی که در وضعیت «\(status.persianName)» است ممکن نیست."
    }
}
