extension Routes {
    /// The routes of the `requests` service: citizens' requests, their documents, the
    /// provinces' inboxes.
    public enum Requests {
        /// Proves that the caller owns a request: with its process number and tracking code,
        /// or as the logged-in citizen who applied. Staff of the request's province may also
        /// read it. Idempotent (a read).
        ///
        /// Errors: `notFound` for an unknown number, a wrong tracking code or another
        /// citizen's request (the three are identical on the wire, so codes cannot be probed);
        /// `forbidden` for staff of another province; `invalidInput` for a malformed number.
        public static let ownership = Route<RequestOwnershipQuery, RequestOwnership>(
            "requests.ownership", isIdempotent: true)
    }
}
