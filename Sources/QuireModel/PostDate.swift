import Foundation

/// A post's date and time as its author wrote it, with the UTC offset when the source gave one.
///
/// Archives are browsed by the author's calendar (the day written in the post header), so the
/// local fields are kept as written and never shifted to UTC.
public struct PostDate: Hashable, Comparable, Codable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// Minutes east of UTC, when known.
    public var utcOffsetMinutes: Int?

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                utcOffsetMinutes: Int? = nil) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// `YYYY-MM-DD HH:MM:SS`: sorts the same way as the date itself.
    public var sortKey: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(19)
        Self.append(year, width: 4, to: &bytes); bytes.append(0x2D)
        Self.append(month, width: 2, to: &bytes); bytes.append(0x2D)
        Self.append(day, width: 2, to: &bytes); bytes.append(0x20)
        Self.append(hour, width: 2, to: &bytes); bytes.append(0x3A)
        Self.append(minute, width: 2, to: &bytes); bytes.append(0x3A)
        Self.append(second, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `YYYY-MM-DD`.
    public var isoDay: String {
        var bytes: [UInt8] = []
        Self.append(year, width: 4, to: &bytes); bytes.append(0x2D)
        Self.append(month, width: 2, to: &bytes); bytes.append(0x2D)
        Self.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `n` as printf's `%0<width>d` writes it (a minus sign counts in the width): every import
    /// formats a date per post, and `String(format:)` cost more than the rest of the date work.
    static func append(_ n: Int, width: Int, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var m = n.magnitude
        repeat { digits.append(0x30 + UInt8(m % 10)); m /= 10 } while m > 0
        if n < 0 { bytes.append(0x2D) }
        let length = digits.count + (n < 0 ? 1 : 0)
        if length < width { bytes.append(contentsOf: repeatElement(0x30, count: width - length)) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Parses a `sortKey` back.
    public init?(sortKey: String, utcOffsetMinutes: Int? = nil) {
        let parts = sortKey.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" })
            .compactMap { Int($0) }
        guard parts.count >= 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2],
                  hour: parts.count > 3 ? parts[3] : 0, minute: parts.count > 4 ? parts[4] : 0,
                  second: parts.count > 5 ? parts[5] : 0, utcOffsetMinutes: utcOffsetMinutes)
    }

    public static func < (a: PostDate, b: PostDate) -> Bool { a.sortKey < b.sortKey }

    /// Whether the fields name a real day of the Gregorian calendar.
    public var isValidDay: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= PostDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to this day in the proleptic Gregorian calendar, negative before
    /// it (Howard Hinnant's days-from-civil: March-based years, so the leap day comes last, and
    /// 400-year eras, so negative years need no special case). Exact for years of up to 13
    /// digits; beyond that the count no longer fits an `Int`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400                                        // 0 ... 399
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1  // 0 ... 365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    /// Day of the week, 1 = Sunday ... 7 = Saturday, for any year.
    public var weekday: Int {
        // 400 Gregorian years are 146,097 days, a whole number of weeks: the weekday of a year
        // is that of the same year in 2000-2399, whose day count never overflows.
        var cycle = self
        cycle.year = 2000 + ((year % 400) + 400) % 400
        // 1970-01-01 was a Thursday (5).
        return ((cycle.daysSinceEpoch % 7) + 7 + 4) % 7 + 1
    }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
    public static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday",
                                      "Friday", "Saturday"]

    /// `Friday, October 12, 2007`.
    public var longDescription: String {
        "\(PostDate.weekdayNames[weekday - 1]), \(PostDate.monthNames[month - 1]) \(day), \(year)"
    }
}
