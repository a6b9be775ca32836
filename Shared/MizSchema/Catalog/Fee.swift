/// What a service costs and how it is paid (هزینه خدمت).
public struct Fee: Codable, Sendable, Equatable {
    /// How the amount is set.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// No charge; `amountRials` and `payment` are nil.
        case free
        /// A fixed amount in `amountRials`, paid as `payment` says.
        case fixed
        /// An amount set by a published tariff that `payment` names; `amountRials` is nil.
        case tariff
    }

    /// How the amount is set.
    public var kind: Kind
    /// The fixed amount in rials, for `fixed`.
    public var amountRials: Int?
    /// How and when it is paid, or which tariff applies, in Persian.
    public var payment: String?

    /// Makes a fee.
    public init(kind: Kind, amountRials: Int? = nil, payment: String? = nil) {
        self.kind = kind
        self.amountRials = amountRials
        self.payment = payment
    }

    /// No charge.
    public static let free = Fee(kind: .free)
}
