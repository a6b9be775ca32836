import ArgumentParser
import MizRuntime

/// The feedback service's own flags, each defaulting to a `MIZ_…` environment variable and
/// then to the desk's rule.
package struct FeedbackOptions: ParsableArguments, Sendable {
    @Option(
        name: .customLong("survey-edit-days"),
        help: "Days a citizen may edit their survey after submitting it (MIZ_SURVEY_EDIT_DAYS).")
    package var surveyEditDays: Double = EnvironmentDefault.double("MIZ_SURVEY_EDIT_DAYS", 7)

    @Option(
        name: .customLong("complaint-answer-days"),
        help: "Working days to answer a complaint before it is escalated (MIZ_COMPLAINT_ANSWER_DAYS).")
    package var complaintAnswerDays: Int = EnvironmentDefault.int("MIZ_COMPLAINT_ANSWER_DAYS", 7)

    @Option(
        name: .customLong("message-hourly-limit"),
        help: "Messages per client address per hour before a challenge is asked (MIZ_MESSAGE_HOURLY_LIMIT).")
    package var messageHourlyLimit: Int = EnvironmentDefault.int("MIZ_MESSAGE_HOURLY_LIMIT", 3)

    @Option(
        name: .customLong("message-hard-limit"),
        help: "Messages per client address per hour even with challenges (MIZ_MESSAGE_HARD_LIMIT).")
    package var messageHardLimit: Int = EnvironmentDefault.int("MIZ_MESSAGE_HARD_LIMIT", 20)

    @Option(
        name: .customLong("attachment-max-kb"),
        help: "Largest complaint attachment in kilobytes (MIZ_ATTACHMENT_MAX_KB).")
    package var attachmentMaxKB: Int = EnvironmentDefault.int("MIZ_ATTACHMENT_MAX_KB", 5120)

    package init() {}

    /// The policy the flags choose.
    package var policy: FeedbackPolicy {
        FeedbackPolicy(
            surveyEditWindow: max(0, surveyEditDays) * 86_400, complaintAnswerWorkingDays: complaintAnswerDays,
            maximumAttachmentBytes: max(1, attachmentMaxKB) * 1024, messagesPerWindow: messageHourlyLimit,
            messagesHardLimit: messageHardLimit)
    }
}
