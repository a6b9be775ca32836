import Foundation
import MizSchema

/// An inbox query checked against the caller: the provinces they may see and the filters.
package struct InboxFilter: Sendable {
    /// The provinces to list; nil for every province (an administrator without a filter).
    package var provinces: [String]?
    package var statuses: [RequestStatus]
    package var serviceCode: String?
    /// Submitted at or after.
    package var submittedFrom: Date?
    /// Submitted before.
    package var submittedBefore: Date?
    package var overdueOnly: Bool
    package var page: Int
    package var pageSize: Int

    /// Makes the filter.
    package init(
        provinces: [String]?, statuses: [RequestStatus], serviceCode: String?, submittedFrom: Date?,
        submittedBefore: Date?, overdueOnly: Bool, page: Int, pageSize: Int
    ) {
        self.provinces = provinces
        self.statuses = statuses
        self.serviceCode = serviceCode
        self.submittedFrom = submittedFrom
        self.submittedBefore = submittedBefore
        self.overdueOnly = overdueOnly
        self.page = page
        self.pageSize = pageSize
    }
}
