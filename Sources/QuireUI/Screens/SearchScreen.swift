import QuireModel

/// The query line and the ranked results, each with date, title and a highlighted snippet.
enum SearchScreen {
    /// How many two-line results fit under the query and info lines.
    static func visibleResults(_ state: AppState) -> Int { max(1, (state.bodyHeight - 2) / 2) }

    static let syntax = "words, \"a phrase\", prefix*, -not, label:x, title:x, year:2007"

    static func draw(_ canvas: inout Canvas, _ state: AppState) -> String? {
        let s = state.search
        let prompt = "Search: "
        let x = canvas.put(prompt, row: 1, col: 1, style: .plain.adding(.bold))
        drawQuery(&canvas, s, from: x)

        let info: String
        if s.query.isEmpty || SearchQuery(parsing: s.query).isEmpty {
            info = "Type to search: " + syntax
        } else if s.resultsFor != s.query {
            info = "Searching…"
        } else {
            info = s.hits.isEmpty ? "No results" : ListDraw.plural(s.hits.count, "result") + (s.hits.count >= SearchState.limit ? " (the best \(SearchState.limit))" : "")
        }
        canvas.put(ListDraw.truncate(info, to: canvas.width - 2), row: 2, col: 1, style: .meta)

        let wide = canvas.width >= 60
        for i in 0..<visibleResults(state) {
            let index = s.cursor.scroll + i
            guard index < s.hits.count else { break }
            let hit = s.hits[index]
            let selected = !s.editing && index == s.cursor.selection
            let date = wide ? hit.post.date.isoDay : String(hit.post.date.isoDay.dropFirst(2))
            let flags = RowFlags(state, hit.post.id)
            var title = [Span(" "), Span(flags.read ? "  " : "N ", .marker), Span(date, .meta), Span("  "),
                         Span(hit.post.title, flags.read ? .meta.adding(.bold) : .plain.adding(.bold))]
            if flags.bookmarked { title.append(Span(" ★", .marker)) }
            ListDraw.row(&canvas, 3 + 2 * i, title, selected: selected)
            var snippet = [Span("   ")]
            if let comment = hit.comment {
                snippet += [Span("in a comment by ", .meta), Span(comment.author.isEmpty ? "Anonymous" : comment.author, .plain), Span(": ", .meta)]
            }
            snippet += fit(hit.snippet.parts, width: canvas.width - 1 - snippet.displayWidth)
            ListDraw.row(&canvas, 4 + 2 * i, snippet, selected: selected)
        }
        return s.editing ? nil : ListDraw.position(s.cursor.selection, s.hits.count)
    }

    /// A snippet cut to a width as a reader expects: between words, with "…" where text was
    /// left out, and its first hit in view.
    static func fit(_ parts: [MarkedText.Part], width: Int) -> [Span] {
        var chars: [(c: Character, hit: Bool)] = parts.flatMap { p in p.text.map { ($0, p.isHit) } }
        func widthOf(_ slice: ArraySlice<(c: Character, hit: Bool)>) -> Int { slice.reduce(0) { $0 + DisplayWidth.of($1.c) } }
        let room = max(2, width)
        if widthOf(chars[...]) > room, let firstHit = chars.firstIndex(where: \.hit) {
            let hitEnd = chars[firstHit...].firstIndex { !$0.hit } ?? chars.count
            if widthOf(chars[..<hitEnd]) > room - 1 {
                // Start a little before the hit, at the beginning of a word.
                var start = firstHit
                while start > 0, widthOf(chars[start..<firstHit]) < room / 3 { start -= 1 }
                while start < firstHit, !chars[start].c.isWhitespace { start += 1 }
                chars = [("…", false)] + chars[start...].drop { $0.c.isWhitespace }
            }
        }
        if widthOf(chars[...]) > room {
            var end = 0, used = 0
            while end < chars.count, used + DisplayWidth.of(chars[end].c) <= room - 1 {
                used += DisplayWidth.of(chars[end].c)
                end += 1
            }
            // Back to the last space, unless that leaves almost nothing.
            if end < chars.count, !chars[end].c.isWhitespace, let space = chars[..<end].lastIndex(where: { $0.c.isWhitespace }), space > end / 2 {
                end = space
            }
            while end > 0, chars[end - 1].c.isWhitespace { end -= 1 }
            chars = Array(chars[..<end]) + [("…", false)]
        }
        var spans: [Span] = []
        for (c, hit) in chars {
            if let last = spans.last, last.isHit == hit {
                spans[spans.count - 1].text.append(c)
            } else {
                spans.append(Span(String(c), hit ? .hit : .meta, isHit: hit))
            }
        }
        return spans
    }

    /// The query from column `x`, with the cursor where typing goes, kept in view.
    private static func drawQuery(_ canvas: inout Canvas, _ s: SearchState, from x: Int) {
        let room = max(1, canvas.width - x - 2)
        var before = Array(s.query.prefix(s.caretIndex)), after = Array(s.query.dropFirst(s.caretIndex))
        // The cursor's cell, and what is before it, stay in view; the end is cut.
        while !before.isEmpty, DisplayWidth.of(String(before)) + 1 > room { before.removeFirst() }
        var col = canvas.put(String(before), row: 1, col: x)
        guard s.editing else {
            canvas.put(String(after), row: 1, col: col, limit: x + room)
            return
        }
        let under = after.isEmpty ? " " : String(after.removeFirst())
        col = canvas.put(under, row: 1, col: col, style: .cursor)
        canvas.put(String(after), row: 1, col: col, limit: x + room)
    }
}
