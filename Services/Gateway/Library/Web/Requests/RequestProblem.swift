/// One problem of a posted form, for the error summary at the top of the page (linking to
/// the field) and for the message beside the field.
package struct RequestProblem: Sendable {
    package var message: String
    /// `#` and the id of the field to jump to.
    package var href: String
}
