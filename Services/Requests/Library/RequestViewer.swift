/// Who is looking at a request, once access is granted: what they may see and do.
package enum RequestViewer: Sendable, Equatable {
    /// The citizen who applied.
    case owner
    /// Staff of the request's province (or an administrator), by staff id.
    case staff(id: String, isAdministrator: Bool)
    /// Someone holding the process number and the right tracking code.
    case trackingCodeHolder
    /// A service of the desk.
    case service
}
