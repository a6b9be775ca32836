/// One field of a service's request form, in the Open311 GeoReport v2 attribute model.
///
/// A client draws the form from these, ordered by `order`; the requests service checks a
/// submitted form against them.
public struct FormAttribute: Codable, Sendable, Equatable {
    /// The kinds of value an attribute holds, as Open311 names them.
    public enum Datatype: String, Codable, Sendable, CaseIterable {
        /// One line of text.
        case string
        /// A number; Persian, Arabic-Indic and Latin digits are accepted.
        case number
        /// A date and time (entered in the Jalali calendar).
        case datetime
        /// Several lines of text.
        case text
        /// Exactly one of `values`.
        case singlevaluelist
        /// Any number of `values`.
        case multivaluelist

        /// Whether the attribute's answer is chosen from `values`.
        public var isList: Bool { self == .singlevaluelist || self == .multivaluelist }
    }

    /// One choice of a list attribute: a stable key and the name shown.
    public struct Value: Codable, Sendable, Equatable {
        /// A stable key, stored with the answer.
        public var key: String
        /// The name shown, in Persian.
        public var name: String

        /// Makes a choice.
        public init(key: String, name: String) {
            self.key = key
            self.name = name
        }
    }

    /// A stable code within the profile, such as `county`; the submitted form is keyed by it.
    public var code: String
    /// The kind of value the answer holds.
    public var datatype: Datatype
    /// Whether the form cannot be submitted without an answer.
    public var required: Bool
    /// The question or label shown, in Persian.
    public var description: String
    /// The position of the field in the form, smallest first.
    public var order: Int
    /// The choices, for the list datatypes; nil for the others.
    public var values: [Value]?

    /// Makes an attribute; `values` only for the list datatypes.
    public init(
        code: String,
        datatype: Datatype,
        required: Bool,
        description: String,
        order: Int,
        values: [Value]? = nil
    ) {
        self.code = code
        self.datatype = datatype
        self.required = required
        self.description = description
        self.order = order
        self.values = values
    }
}
