/// Which line of a TOML text each table and key is on, so that problems found in the parsed
/// table (which keeps no positions) can name their line.
///
/// Reads only what it needs: `[table]` headers and `key =` at the start of a line, with bare,
/// quoted and dotted keys. Anything else (values running over several lines) is skipped.
struct LineIndex {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[[") { continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                table = Self.keyPath(line[line.index(after: line.startIndex)..<close])
                record(table, number)
                continue
            }
            guard let eq = Self.equalsSign(in: line) else { continue }
            let key = Self.keyPath(line[..<eq])
            guard !key.isEmpty else { continue }
            record(table + key, number)
        }
    }

    private mutating func record(_ path: [String], _ line: Int) {
        let key = path.joined(separator: ".")
        if lines[key] == nil { lines[key] = line }
    }

    /// The line of a table or key, or of the nearest table around it.
    func line(_ path: [String]) -> Int? {
        var p = path
        while !p.isEmpty {
            if let l = lines[p.joined(separator: ".")] { return l }
            p.removeLast()
        }
        return nil
    }

    /// `a.b`, `"a b".c`, `'x'` split into their names.
    static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingSpaces()); current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingSpaces())
        return parts.allSatisfy { !$0.isEmpty } ? parts : []
    }

    /// The `=` that ends a key, outside quotes; nil for lines that are not `key = value`.
    static func equalsSign(in line: Substring) -> Substring.Index? {
        var quote: Character?
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return i
            } else if c == "#" {
                return nil
            }
            i = line.index(after: i)
        }
        return nil
    }
}

private extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return String(s)
    }
}
