import ArgumentParser

/// Whether the bus's TCP links are encrypted; `off` exists for debugging only.
package enum CurveMode: String, ExpressibleByArgument, Sendable, CaseIterable {
    case on
    case off
}
