import Foundation

/// How many instances of which services an operator wants: `catalog=3 requests=2` on the
/// command line, `{"catalog":3,"requests":2}` on the control API.
package struct ScaleRequest: Sendable, Equatable {
    /// The most instances of one service the desk runs.
    package static let maximumInstances = 16

    /// The wanted count per service.
    package var counts: [ProcessKind: Int]

    /// Why a scale request was refused.
    package struct Problem: Error, Equatable, CustomStringConvertible {
        /// What to tell the operator.
        package var description: String
    }

    /// Checks names and counts: only the five services, 0 to 16 instances each.
    package init(counts named: [(name: String, count: Int)]) throws(Problem) {
        guard !named.isEmpty else {
            throw Problem(description: "say which services to scale, such as catalog=3 requests=2")
        }
        var counts: [ProcessKind: Int] = [:]
        for (name, count) in named {
            guard let kind = ProcessKind(operatorName: name) else {
                throw Problem(
                    description: "unknown service '\(name)'; scalable: \(Self.scalableNames)")
            }
            guard kind.isScalable else {
                throw Problem(
                    description:
                        "\(kind.rawValue) is not scalable with desk scale: the desk runs exactly one (scalable: \(Self.scalableNames))"
                )
            }
            guard (0...Self.maximumInstances).contains(count) else {
                throw Problem(
                    description: "\(kind.rawValue)=\(count): the count must be 0 to \(Self.maximumInstances)")
            }
            if let earlier = counts[kind], earlier != count {
                throw Problem(description: "\(kind.rawValue) is given twice (\(earlier) and \(count))")
            }
            counts[kind] = count
        }
        self.counts = counts
    }

    /// Parses the command line's `name=count` words.
    package init(arguments: [String]) throws(Problem) {
        var named: [(name: String, count: Int)] = []
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]) else {
                throw Problem(description: "'\(argument)' is not name=count, such as catalog=3")
            }
            named.append((String(parts[0]), count))
        }
        try self.init(counts: named)
    }

    /// Parses the control API's JSON object of names to counts.
    package init(json: Data) throws(Problem) {
        let object: [String: Int]
        do {
            object = try JSONDecoder().decode([String: Int].self, from: json)
        } catch {
            throw Problem(
                description: "the body must be a JSON object of service names to counts, such as {\"catalog\":3}")
        }
        try self.init(counts: object.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// The JSON object for the control API, keyed by executable name.
    package var json: Data {
        let object = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
        return (try? ControlCoding.encode(object)) ?? Data("{}".utf8)
    }

    private static var scalableNames: String {
        ProcessKind.scalable.map(\.rawValue).joined(separator: ", ")
    }
}
