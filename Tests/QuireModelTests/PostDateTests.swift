import Foundation
import Testing
import QuireModel

/// The one day-count algorithm (days from the civil calendar) and the weekday made from it,
/// checked against Foundation's Gregorian calendar.
@Suite struct PostDateTests {
    /// Foundation's Gregorian calendar turns Julian before 1582-10-15; from then on it and the
    /// proleptic calendar agree.
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func foundation(_ y: Int, _ m: Int, _ d: Int) throws -> (days: Int, weekday: Int) {
        let date = try #require(calendar.date(from: DateComponents(year: y, month: m, day: d)))
        return (Int((date.timeIntervalSince1970 / 86400).rounded(.down)), calendar.component(.weekday, from: date))
    }

    static func next(_ d: PostDate) -> PostDate {
        var n = d
        n.day += 1
        if n.day > PostDate.daysIn(month: n.month, year: n.year) {
            n.day = 1; n.month += 1
            if n.month > 12 { n.month = 1; n.year += 1 }
        }
        return n
    }

    @Test func everyDayFrom1899To2101MatchesFoundation() throws {
        var date = PostDate(year: 1899, month: 12, day: 25)
        while date.year < 2101 || date.month < 2 {
            let expected = try Self.foundation(date.year, date.month, date.day)
            #expect(date.daysSinceEpoch == expected.days, "\(date.isoDay)")
            #expect(date.weekday == expected.weekday, "\(date.isoDay)")
            if date.daysSinceEpoch != expected.days { return }
            date = Self.next(date)
        }
    }

    @Test func scatteredDaysFrom1583To9999MatchFoundation() throws {
        var state: UInt64 = 0x5EED
        func random(_ range: ClosedRange<Int>) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return range.lowerBound + Int((state >> 33) % UInt64(range.count))
        }
        for _ in 0..<5000 {
            let y = random(1583...9999), m = random(1...12)
            let d = random(1...PostDate.daysIn(month: m, year: y))
            let date = PostDate(year: y, month: m, day: d)
            let expected = try Self.foundation(y, m, d)
            #expect(date.daysSinceEpoch == expected.days && date.weekday == expected.weekday, "\(date.isoDay)")
        }
    }

    /// Before 1583, and through year 0 into negative years, each day is one more than the one
    /// before it and the weekdays turn without a gap.
    @Test func daysRunOnWithoutAGapBackToYearMinus2000() {
        var date = PostDate(year: -2000, month: 1, day: 1)
        var days = date.daysSinceEpoch
        var weekday = date.weekday
        while date.year < 1583 {
            date = Self.next(date)
            days += 1
            weekday = weekday % 7 + 1
            guard date.daysSinceEpoch == days, date.weekday == weekday else {
                Issue.record("\(date.isoDay): \(date.daysSinceEpoch) days, weekday \(date.weekday); expected \(days), \(weekday)")
                return
            }
        }
        #expect(PostDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(PostDate(year: 0, month: 3, day: 1).daysSinceEpoch == -719468)
    }

    @Test func weekdaysOfFarYearsRepeatEvery400YearsWithoutOverflow() {
        let known = PostDate(year: 2007, month: 10, day: 12)
        #expect(known.weekday == 6 && known.longDescription == "Friday, October 12, 2007")
        for year in [Int.max - 7, Int.min + 401, 1 << 60, -(1 << 60)] {
            let far = PostDate(year: year, month: 2, day: 28)
            let near = PostDate(year: 2000 + ((year % 400) + 400) % 400, month: 2, day: 28)
            #expect(far.weekday == near.weekday)
        }
    }
}
