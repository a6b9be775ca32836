import MizSchema

/// The `BusError` a call throws, or nil when it succeeds; any other error comes back as
/// `internal`, so a test expecting success or a particular code sees it fail.
package func busError<T>(_ body: () async throws -> T) async -> BusError? {
    do {
        _ = try await body()
        return nil
    } catch let error as BusError {
        return error
    } catch {
        return BusError(.internal, message: "\(error)")
    }
}

/// Whether `text` holds Persian letters, as every message for people must.
package func isPersian(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
}
