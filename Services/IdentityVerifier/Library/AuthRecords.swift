import Foundation
import MizSchema

/// A login challenge as stored: the HMAC of the code, never the code.
package struct LoginChallengeRecord: Sendable, Equatable {
    package var id: String
    package var nationalCode: String
    package var codeHash: Data
    package var createdAt: Date
    package var expiresAt: Date
    package var resendAt: Date
    package var usedAt: Date?
    package var wrongTries: Int
    /// The mobile the code was sent to ("09…"), kept so the session it opens knows it.
    package var mobile: String?

    package init(
        id: String, nationalCode: String, codeHash: Data, createdAt: Date, expiresAt: Date, resendAt: Date,
        usedAt: Date? = nil, wrongTries: Int = 0, mobile: String? = nil
    ) {
        self.id = id
        self.nationalCode = nationalCode
        self.mobile = mobile
        self.codeHash = codeHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.resendAt = resendAt
        self.usedAt = usedAt
        self.wrongTries = wrongTries
    }
}

/// A session as stored: who and until when; the token itself is never stored.
package struct SessionRecord: Sendable, Equatable {
    package var id: String
    /// `citizen` or `staff`.
    package var kind: Caller.Kind
    /// The national code of a citizen, the staff id of a staff member.
    package var subject: String
    package var createdAt: Date
    package var expiresAt: Date
    package var revokedAt: Date?
    /// A citizen's mobile, proven theirs by the login code; nil for staff.
    package var mobile: String?

    package init(
        id: String, kind: Caller.Kind, subject: String, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil,
        mobile: String? = nil
    ) {
        self.id = id
        self.mobile = mobile
        self.kind = kind
        self.subject = subject
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A staff account as stored, with its bcrypt hash.
package struct StaffRecord: Sendable, Equatable {
    package var account: StaffAccount
    package var passwordHash: String

    package init(account: StaffAccount, passwordHash: String) {
        self.account = account
        self.passwordHash = passwordHash
    }
}

/// One row of the audit log: who did what to whom, when, from where; never a password.
package struct AuditEntry: Sendable, Equatable {
    /// The row's number once stored, increasing with time; nil before.
    package var id: Int?
    package var at: Date
    /// The staff user name, `desk` or another service, or the user name tried at a login.
    package var actor: String
    /// `staffLogin`, `staffCreate`, `staffResetPassword`, `staffDisable`, `staffEnable`,
    /// `staffProvinces`, `auditList`.
    package var action: String
    /// The account acted on, if another.
    package var target: String?
    /// `success`, `wrongPassword`, `unknownUser`, `locked`, `rateLimited`, `disabled`, `refused`.
    package var outcome: String
    package var clientAddress: String?
    /// What changed, in Persian, when the action alone does not say (e.g. the new provinces).
    package var detail: String?

    package init(
        id: Int? = nil, at: Date, actor: String, action: String, target: String? = nil, outcome: String,
        clientAddress: String?, detail: String? = nil
    ) {
        self.id = id
        self.detail = detail
        self.at = at
        self.actor = actor
        self.action = action
        self.target = target
        self.outcome = outcome
        self.clientAddress = clientAddress
    }
}

/// Why a store write was refused.
package enum AuthStoreError: Error, Equatable {
    /// A staff user name already taken.
    case usernameTaken
    /// No staff account with that user name.
    case noSuchStaff
    /// Disabling the account would leave no enabled administrator.
    case lastAdministrator
}
