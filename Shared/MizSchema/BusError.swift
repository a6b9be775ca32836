/// A typed failure that travels on the bus in place of a reply: a code from the closed set,
/// a Persian message for people and, for bad input, what is wrong with each field.
public struct BusError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    /// Why the call failed.
    public var code: ErrorCode
    /// What to tell the person, in Persian.
    public var message: String
    /// Field-level problems, keyed by the field's name in the request.
    public var fields: [FieldError]

    public init(_ code: ErrorCode, message: String? = nil, fields: [FieldError] = []) {
        self.code = code
        self.message = message ?? code.defaultPersianMessage
        self.fields = fields
    }

    /// Bad input with one problem per field, and a general message above them.
    public static func invalidInput(_ fields: [FieldError], message: String? = nil) -> BusError {
        BusError(.invalidInput, message: message, fields: fields)
    }

    public var description: String {
        fields.isEmpty ? "\(code.rawValue): \(message)" : "\(code.rawValue): \(message) \(fields.map(\.field))"
    }
}

/// One field's problem in a request: the field's name and a Persian message about it.
public struct FieldError: Codable, Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
