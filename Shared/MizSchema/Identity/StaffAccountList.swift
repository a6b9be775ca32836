/// The reply of `identity.staffList`.
public struct StaffAccountList: Codable, Sendable, Equatable {
    /// The accounts in user-name order.
    public var accounts: [StaffAccount]

    /// Makes the reply.
    public init(accounts: [StaffAccount]) {
        self.accounts = accounts
    }
}
