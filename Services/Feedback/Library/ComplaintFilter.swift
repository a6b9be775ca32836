import Foundation
import MizSchema

/// Which complaints a list shows, after the caller's rights are applied.
package struct ComplaintFilter: Sendable, Equatable {
    /// Only this owner's (a citizen's own list).
    package var ownerNationalCode: String?
    /// Only these provinces; nil for every province (a national administrator).
    package var provinces: Set<String>?
    package var status: ComplaintStatus?
    /// Only open complaints due before this instant (the escalated ones at that time).
    package var overdueAt: Date?

    /// Makes a filter.
    package init(
        ownerNationalCode: String? = nil, provinces: Set<String>? = nil, status: ComplaintStatus? = nil,
        overdueAt: Date? = nil
    ) {
        self.ownerNationalCode = ownerNationalCode
        self.provinces = provinces
        self.status = status
        self.overdueAt = overdueAt
    }
}
