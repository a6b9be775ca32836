/// An error page: what happened and what to do, in Persian, never a trace.
package struct ErrorView: Sendable {
    package var heading: String
    package var message: String
    /// Whether to offer the search form (when a page was not found).
    package var offerSearch: Bool
    /// Whether to say that trying again soon may work.
    package var offerRetry: Bool
}
