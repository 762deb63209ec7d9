/// A value of a TOML document, with numbers kept as written.
///
/// Numbers stay text (underscores removed) because the two readers want different things of
/// them: front matter keeps them as text, and the configuration checks them against a range,
/// so a number too large for `Int` is a reported problem there rather than a lost digit.
public indirect enum TOMLValue: Equatable, Sendable {
    case string(String)
    /// An integer as written, without underscores: `-12`, `0x1F`, `1000`.
    case integer(String)
    /// A float as written, without underscores: `3.5e2`, `-inf`.
    case float(String)
    case boolean(Bool)
    case dateTime(TOMLDateTime)
    /// A local time as written: `07:32:00`.
    case time(String)
    case array([TOMLValue])
    case table(TOMLTable)

    /// The value of an integer, if it fits an `Int` (decimal, `0x`, `0o` or `0b`).
    public var int: Int? {
        guard case .integer(let text) = self else { return nil }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            return Int(text.dropFirst(2), radix: radix)
        }
        return Int(text)
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }

    public var table: TOMLTable? {
        if case .table(let t) = self { return t }
        return nil
    }

    public var array: [TOMLValue]? {
        if case .array(let a) = self { return a }
        return nil
    }
}

/// An offset or local date-time, or a local date (`hasTime` false).
public struct TOMLDateTime: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hasTime: Bool
    public var hour = 0
    public var minute = 0
    public var second = 0
    /// Minutes east of UTC, for an offset date-time.
    public var utcOffsetMinutes: Int?

    public init(year: Int, month: Int, day: Int, hasTime: Bool, hour: Int = 0, minute: Int = 0, second: Int = 0,
                utcOffsetMinutes: Int? = nil) {
        self.year = year; self.month = month; self.day = day; self.hasTime = hasTime
        self.hour = hour; self.minute = minute; self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }
}

/// A TOML table: its keys in the order they were first written, each with the line it is on.
public struct TOMLTable: Equatable, Sendable, Sequence {
    public struct Entry: Equatable, Sendable {
        public let key: String
        public internal(set) var value: TOMLValue
        /// The line (from 1) of the key, or of the header that made the table.
        public let line: Int
    }

    public private(set) var entries: [Entry] = []
    private var positions: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? { positions[key].map { entries[$0].value } }

    /// The line the key was written on.
    public func line(of key: String) -> Int? { positions[key].map { entries[$0].line } }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    mutating func add(_ key: String, _ value: TOMLValue, line: Int) {
        positions[key] = entries.count
        entries.append(Entry(key: key, value: value, line: line))
    }

    /// Changes the value of a key already present, in place: the value is taken out while
    /// `body` runs, so that a nested table is not copied.
    mutating func modify<R>(_ key: String, _ body: (inout TOMLValue) throws -> R) rethrows -> R {
        let p = positions[key]!
        var value = entries[p].value
        entries[p].value = .boolean(false)
        defer { entries[p].value = value }
        return try body(&value)
    }
}
