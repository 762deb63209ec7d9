/// Something wrong in the configuration file: where, and what was done instead.
public struct ConfigProblem: Hashable, Sendable, CustomStringConvertible {
    /// The line (from 1), when the problem has one.
    public var line: Int?
    public var message: String

    public init(line: Int?, _ message: String) { self.line = line; self.message = message }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
