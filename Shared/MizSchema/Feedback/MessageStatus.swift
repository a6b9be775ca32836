/// Where a message stands in the staff's inbox.
public enum MessageStatus: String, Codable, Sendable, CaseIterable {
    /// جدید: not yet handled.
    case new
    /// بررسی شده: a staff member read it and closed it.
    case closed
}
