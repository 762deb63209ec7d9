import QuireModel

/// Reads the date spellings exports use into `PostDate`, keeping the author's local time.
enum DateParsing {
    /// ISO 8601 and its relatives: `2011-02-14T07:14:05.549+01:00`, `2020-01-02T03:04:05Z`,
    /// `2010-01-10 13:07:09 +00:00`, `2010-01-10`, `2017-2-5`, `2019-03-08T10:00:00-0700`.
    static func iso(_ text: String) -> PostDate? {
        var s = Substring(text.trimming(" \t\r\n\"'"))
        func number(maxDigits: Int) -> Int? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }.prefix(maxDigits)
            guard !digits.isEmpty, let n = Int(digits) else { return nil }
            s = s.dropFirst(digits.count)
            return n
        }
        func skip(_ c: Character) -> Bool {
            if s.first == c { s = s.dropFirst(); return true }
            return false
        }
        guard let year = number(maxDigits: 4), skip("-"), let month = number(maxDigits: 2), skip("-"),
              let day = number(maxDigits: 2) else { return nil }
        var date = PostDate(year: year, month: month, day: day)
        guard date.isValidDay else { return nil }
        if s.first == "T" || s.first == "t" || s.first == " " {
            let saved = s
            s = s.dropFirst()
            if let h = number(maxDigits: 2), skip(":"), let m = number(maxDigits: 2) {
                date.hour = h; date.minute = m
                if skip(":"), let sec = number(maxDigits: 2) { date.second = sec }
                if skip(".") || skip(",") { s = s.drop { $0.isNumber } }
                guard (0...23).contains(h), (0...59).contains(m), (0...60).contains(date.second) else { return nil }
            } else {
                s = saved
            }
        }
        s = s.drop { $0 == " " }
        if s.first == "Z" || s.first == "z" {
            date.utcOffsetMinutes = 0
        } else if let sign = s.first, sign == "+" || sign == "-" {
            s = s.dropFirst()
            let digits = s.filter { $0.isNumber }
            if digits.count >= 2, let hh = Int(digits.prefix(2)) {
                let mm = digits.count >= 4 ? Int(digits.dropFirst(2).prefix(2)) ?? 0 : 0
                date.utcOffsetMinutes = (sign == "-" ? -1 : 1) * (hh * 60 + mm)
            }
        } else if s.uppercased().hasPrefix("UTC") || s.uppercased().hasPrefix("GMT") {
            date.utcOffsetMinutes = 0
        }
        return date
    }

    /// RFC 822 as RSS writes it: `Sun, 19 Jan 2025 02:41:16 +0000`.
    static func rfc822(_ text: String) -> PostDate? {
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = parts.first, first.count == 3, Int(first) == nil { parts.removeFirst() }
        guard parts.count >= 3, let day = Int(parts[0]), let year = Int(parts[2]) else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let m = months.firstIndex(of: String(parts[1].prefix(3)).lowercased()) else { return nil }
        var date = PostDate(year: year < 100 ? year + 2000 : year, month: m + 1, day: day)
        if parts.count >= 4 {
            let t = parts[3].split(separator: ":").compactMap { Int($0) }
            if t.count >= 2 { date.hour = t[0]; date.minute = t[1] }
            if t.count >= 3 { date.second = t[2] }
        }
        if parts.count >= 5 {
            let z = parts[4]
            if z == "GMT" || z == "UT" || z == "UTC" || z == "Z" {
                date.utcOffsetMinutes = 0
            } else if let sign = z.first, sign == "+" || sign == "-", z.count == 5, let v = Int(z.dropFirst()) {
                date.utcOffsetMinutes = (sign == "-" ? -1 : 1) * ((v / 100) * 60 + v % 100)
            }
        }
        return date.isValidDay ? date : nil
    }

    /// Minutes between a local time and the same instant in UTC, rounded to a quarter hour.
    static func offset(local: PostDate, utc: PostDate) -> Int? {
        guard let a = minutes(local), let b = minutes(utc) else { return nil }
        let diff = a - b
        guard abs(diff) <= 14 * 60 else { return nil }
        return Int((Double(diff) / 15).rounded()) * 15
    }

    /// Minutes since 1970-01-01 00:00 of the fields taken as UTC.
    private static func minutes(_ d: PostDate) -> Int? {
        guard d.isValidDay else { return nil }
        return (d.daysSinceEpoch * 24 + d.hour) * 60 + d.minute
    }
}

private extension String {
    func trimming(_ set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
