import Foundation

/// A note staff leave on a request for each other; citizens never see it.
public struct InternalNote: Codable, Sendable, Equatable {
    /// The staff id of the author.
    public var author: String
    /// The note.
    public var text: String
    /// When it was written.
    public var at: Date

    /// Makes a note.
    public init(author: String, text: String, at: Date) {
        self.author = author
        self.text = text
        self.at = at
    }
}
