extension Routes {
    /// The routes of the `feedback` service: surveys and complaints about one's own requests,
    /// messages from anyone, and what staff do with them.
    ///
    /// Authorization is the service's own, from the envelope's caller: surveys and complaints
    /// need ownership of the request, proven through `requests.ownership` with the caller
    /// forwarded; staff see the complaints and messages of their provinces (national
    /// administrators all, escalated ones included). A complaint outside a staff member's
    /// provinces is `notFound`, like an unknown number, so tracking numbers cannot be probed.
    public enum Feedback {
        /// Stores the survey of a decided (or overdue) request; one per request, a second is
        /// `conflict`. Not idempotent by itself: send an idempotency key to retry safely.
        public static let surveySubmit = Route<SurveySubmitRequest, Survey>(
            "feedback.surveySubmit", isIdempotent: false)
        /// Replaces the answers of the caller's survey within 7 days of its submission.
        public static let surveyEdit = Route<SurveySubmitRequest, Survey>("feedback.surveyEdit", isIdempotent: true)
        /// The caller's survey of a request they own.
        public static let survey = Route<SurveyQuery, Survey>("feedback.survey", isIdempotent: true)
        /// Registers a complaint about one's own request, with an optional attachment frame.
        /// Not idempotent by itself: send an idempotency key to retry safely.
        public static let complaintSubmit = Route<ComplaintSubmitRequest, Complaint>(
            "feedback.complaintSubmit", isIdempotent: false)
        /// One complaint by its tracking number: for anyone holding the number, and for staff
        /// of its province.
        public static let complaint = Route<ComplaintQuery, Complaint>("feedback.complaint", isIdempotent: true)
        /// A complaint's attachment: its description, and its bytes as the reply's attachment
        /// frame. Same access as `complaint`.
        public static let complaintAttachment = Route<ComplaintQuery, ComplaintAttachment>(
            "feedback.complaintAttachment", isIdempotent: true)
        /// A citizen's own complaints, or the complaints staff may see.
        public static let complaints = Route<ComplaintListQuery, ComplaintList>(
            "feedback.complaints", isIdempotent: true)
        /// Staff: takes a registered complaint for review.
        public static let complaintReview = Route<ComplaintQuery, Complaint>(
            "feedback.complaintReview", isIdempotent: true)
        /// Staff: answers a complaint; the citizen gets an SMS (`complaintAnswered`) once.
        public static let complaintAnswer = Route<ComplaintAnswerRequest, Complaint>(
            "feedback.complaintAnswer", isIdempotent: true)
        /// Staff: closes an answered complaint.
        public static let complaintClose = Route<ComplaintQuery, Complaint>(
            "feedback.complaintClose", isIdempotent: true)
        /// Stores a message from anyone, rate limited per client address.
        /// Not idempotent by itself: send an idempotency key to retry safely.
        public static let messageSubmit = Route<MessageSubmitRequest, FeedbackMessage>(
            "feedback.messageSubmit", isIdempotent: false)
        /// A fresh arithmetic question for a sender over the rate.
        public static let messageChallenge = Route<MessageChallengeRequest, MessageChallenge>(
            "feedback.messageChallenge", isIdempotent: true)
        /// Staff: the messages they may see.
        public static let messages = Route<MessageListQuery, MessageList>("feedback.messages", isIdempotent: true)
        /// Staff: marks a message handled.
        public static let messageClose = Route<MessageQuery, FeedbackMessage>(
            "feedback.messageClose", isIdempotent: true)
        /// Staff: survey and complaint figures per service and province.
        public static let statistics = Route<FeedbackStatisticsQuery, FeedbackStatistics>(
            "feedback.statistics", isIdempotent: true)
    }
}
