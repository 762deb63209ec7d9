import Foundation
import GRDB
import QuireModel

/// Links to a post whose address carries a date a day off the post's own: the site generator
/// put the post's date in the address in another time zone than the export's (a post written
/// at 23:30 in Chicago is dated the next day in UTC). Such a link resolves to the post with
/// that address's last part as its slug, when only one post of that slug is dated within a day.
enum ShiftedDates {
    /// The slug and date an address names: `/2020/01/03/notes.html` gives `notes`, 2020-01-03.
    struct DatedAddress: Equatable {
        var slug: String
        var year: Int
        var month: Int?
        var day: Int?
    }

    static func parse(_ address: String) -> DatedAddress? {
        var path = Substring(address.trimmingCharacters(in: .whitespacesAndNewlines))
        if let scheme = path.range(of: "//") { path = path[scheme.upperBound...].drop { $0 != "/" } }
        path = path.prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/")
        guard var last = segments.last, segments.count >= 2 else { return nil }
        for ext in [".html", ".htm", ".php"] where last.lowercased().hasSuffix(ext) { last = last.dropLast(ext.count) }
        let slug = (String(last).removingPercentEncoding ?? String(last)).lowercased()
        guard !slug.isEmpty, !slug.allSatisfy(\.isNumber) else { return nil }
        let numbers = segments.dropLast().map { Int($0) }
        guard let y = numbers.firstIndex(where: { $0.map { (1990...2100).contains($0) } ?? false }),
              let year = numbers[y] else { return nil }
        var result = DatedAddress(slug: slug, year: year)
        if y + 1 < numbers.count, let m = numbers[y + 1], (1...12).contains(m) {
            result.month = m
            if y + 2 < numbers.count, let d = numbers[y + 2], (1...31).contains(d) { result.day = d }
        }
        return result
    }

    /// Whether a post dated `date` is within a day of what the address says.
    static func near(_ date: PostDate, _ a: DatedAddress) -> Bool {
        let days = date.daysSinceEpoch
        if let month = a.month, let day = a.day {
            let linked = PostDate(year: a.year, month: month, day: day)
            return linked.isValidDay && abs(linked.daysSinceEpoch - days) <= 1
        }
        // Only the month or the year: the post's date, a day either way, falls in it.
        let first = PostDate(year: a.year, month: a.month ?? 1, day: 1).daysSinceEpoch
        let next = a.month.map { $0 == 12 ? PostDate(year: a.year + 1, month: 1, day: 1) : PostDate(year: a.year, month: $0 + 1, day: 1) }
            ?? PostDate(year: a.year + 1, month: 1, day: 1)
        return days >= first - 1 && days <= next.daysSinceEpoch
    }

    /// Resolves, after the exact matches, the links that only a shifted date kept from their post.
    static func resolve(_ db: Database) throws {
        let open = try Row.fetchAll(db, sql: """
            SELECT post_id, ordinal, target FROM post_ref
            WHERE to_post IS NULL AND kind IN ('url', 'path') AND (explicit = 1 OR target LIKE '/%')
            """)
        for row in open {
            guard let address = parse(row["target"]) else { continue }
            let from: Int64 = row["post_id"]
            // The store numbers a repeated slug (`notes-2`): those posts had the same slug too.
            let candidates = try Row.fetchAll(db, sql: """
                SELECT id, sort_key FROM post WHERE (slug = ?1 OR slug GLOB ?2) AND id != ?3
                """, arguments: [address.slug, address.slug + "-[0-9]*", from])
            let near = candidates.filter { c in
                PostDate(sortKey: c["sort_key"]).map { self.near($0, address) } ?? false
            }
            guard near.count == 1, let to: Int64 = near[0]["id"] else { continue }
            try db.execute(sql: "UPDATE post_ref SET to_post = ? WHERE post_id = ? AND ordinal = ?",
                           arguments: [to, from, row["ordinal"] as Int64])
        }
    }
}
