extension Routes {
    /// The routes of the `notifier` service: SMS to citizens, with a delivery log.
    public enum Notifier {
        /// Queues one SMS for an event; idempotent by the request's `eventId`: sending the same
        /// event again returns the first receipt and never sends a second message.
        public static let send = Route<NotifierSendRequest, NotifierReceipt>("notifier.send", isIdempotent: true)
        /// The delivery state of the message of an event.
        public static let status = Route<NotifierStatusRequest, NotifierReceipt>("notifier.status", isIdempotent: true)
        /// The latest messages, for the development SMS inbox page (`/dev/sms`); refused with
        /// `forbidden` unless the notifier runs in development mode.
        public static let devInbox = Route<NotifierDevInboxRequest, NotifierDevInbox>(
            "notifier.devInbox", isIdempotent: true)
    }
}
