import Foundation

/// One row of the identity service's audit log as administrators see it: who did what to
/// which account, when, from where, and how it ended. Never a password; a national code typed
/// as a user name is masked by the service before it leaves.
public struct IdentityAuditEntry: Codable, Sendable, Equatable {
    /// The row's number, increasing with time.
    public var id: Int
    /// When it happened.
    public var at: Date
    /// The staff user name, `desk`, or the user name tried at a login.
    public var actor: String
    /// `staffLogin`, `staffCreate`, `staffResetPassword`, `staffDisable`, `staffEnable`,
    /// `staffProvinces`, `auditList`.
    public var action: String
    /// The account acted on, when another.
    public var target: String?
    /// `success`, `wrongPassword`, `unknownUser`, `locked`, `rateLimited`, `disabled`, `refused`.
    public var outcome: String
    /// The client address the gateway saw, when the action came through it.
    public var clientAddress: String?
    /// What changed, in Persian, when the action says less than the row (e.g. the new provinces).
    public var detail: String?

    /// Every action the log records, in the order a filter offers them.
    public static let actions = [
        "staffLogin", "staffCreate", "staffResetPassword", "staffDisable", "staffEnable", "staffProvinces",
        "staffUpdate", "auditList",
    ]

    /// Makes the row.
    public init(
        id: Int, at: Date, actor: String, action: String, target: String?, outcome: String, clientAddress: String?,
        detail: String?
    ) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.clientAddress = clientAddress
        self.detail = detail
    }
}
