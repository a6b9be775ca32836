import Foundation

/// The rules of the feedback service that an operator may want to tune, with the desk's
/// defaults.
package struct FeedbackPolicy: Sendable {
    /// How long after its first submission a survey's owner may still edit it.
    package var surveyEditWindow: TimeInterval
    /// Working days an official has to answer a complaint before it is escalated to the
    /// national administrators.
    package var complaintAnswerWorkingDays: Int
    /// The largest attachment a complaint may carry, in bytes.
    package var maximumAttachmentBytes: Int
    /// Messages one client address may send per `messageWindow` without a challenge.
    package var messagesPerWindow: Int
    /// Messages one client address may send per `messageWindow` even with challenges.
    package var messagesHardLimit: Int
    /// The window the message limits count over.
    package var messageWindow: TimeInterval
    /// How long a challenge's token is accepted.
    package var challengeLifetime: TimeInterval
    /// Wrong challenge answers one client address may give per `messageWindow`; past them
    /// it is refused until the window moves on, so guessing does not pay.
    package var challengeFailuresPerWindow: Int

    /// Makes a policy; the defaults are the desk's.
    package init(
        surveyEditWindow: TimeInterval = 7 * 86_400,
        complaintAnswerWorkingDays: Int = 7,
        maximumAttachmentBytes: Int = 5 * 1024 * 1024,
        messagesPerWindow: Int = 3,
        messagesHardLimit: Int = 20,
        messageWindow: TimeInterval = 3600,
        challengeLifetime: TimeInterval = 600,
        challengeFailuresPerWindow: Int = 5
    ) {
        self.surveyEditWindow = surveyEditWindow
        self.complaintAnswerWorkingDays = max(1, complaintAnswerWorkingDays)
        self.maximumAttachmentBytes = max(1, maximumAttachmentBytes)
        self.messagesPerWindow = max(1, messagesPerWindow)
        self.messagesHardLimit = max(messagesPerWindow, messagesHardLimit)
        self.messageWindow = messageWindow
        self.challengeLifetime = challengeLifetime
        self.challengeFailuresPerWindow = max(1, challengeFailuresPerWindow)
    }
}
