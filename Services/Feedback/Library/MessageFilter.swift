import MizSchema

/// Which messages a list shows, after the caller's rights are applied.
package struct MessageFilter: Sendable, Equatable {
    /// Only these provinces; nil for every message, those without a province included.
    package var provinces: Set<String>?
    package var status: MessageStatus?
    package var kind: MessageKind?

    /// Makes a filter.
    package init(provinces: Set<String>? = nil, status: MessageStatus? = nil, kind: MessageKind? = nil) {
        self.provinces = provinces
        self.status = status
        self.kind = kind
    }
}
