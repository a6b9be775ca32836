import Foundation

/// Reads the `MIZ_…` environment variables that give command-line flags their defaults.
package enum EnvironmentDefault {
    /// The variable's value, or the fallback when it is unset or empty.
    package static func string(_ name: String, _ fallback: String) -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return fallback }
        return value
    }

    /// A comma-separated list from the variable, or the fallback.
    package static func list(_ name: String, _ fallback: [String]) -> [String] {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return fallback }
        return value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// An integer from the variable, or the fallback when unset or not a number.
    package static func int(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    /// A number from the variable, or the fallback when unset or not a number.
    package static func double(_ name: String, _ fallback: Double) -> Double {
        ProcessInfo.processInfo.environment[name].flatMap { Double($0) } ?? fallback
    }
}
