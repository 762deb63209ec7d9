import QuireModel

/// Snippets made from a post's text here rather than by FTS5: for long posts, prefix queries,
/// text of unspaced scripts and comments.
enum SearchSnippet {
    /// Snippet markers: control characters never survive into stored text, so they cannot clash.
    static let hitStart: Character = "\u{1}", hitEnd: Character = "\u{2}"

    /// Characters of text before the first hit that a snippet may show, counting the wide
    /// characters of unspaced scripts twice, so that the hit stays on a narrow screen.
    static let lead = 30
    /// Characters a snippet holds at most, and spaced words.
    static let length = 160, words = 16

    /// About sixteen words around the first hit, hits marked as `HitFinder` finds them (a spaced
    /// word matches when a search word starts it). Without a hit, the start of the text.
    static func around(_ text: String, words: [String]) -> MarkedText {
        let finder = HitFinder(words: words, rule: .prefixes)
        // Only the characters around where the bytes say the first hit is: a grapheme cluster
        // at a time, all of a long post takes milliseconds, and a search makes fifty snippets.
        if let hit = finder.likelyFirstHit(in: text) {
            let at = text.utf8.index(text.utf8.startIndex, offsetBy: hit)
            // As many characters as a window can show before the hit, and after it.
            let before = text[..<at].suffix(lead + 1), after = text[at...].prefix(length + 1)
            let chars = Array(before) + Array(after)
            let marks = finder.marks(in: chars)
            if marks.contains(true) {
                return window(chars, marks, moreBefore: before.startIndex > text.startIndex, moreAfter: after.endIndex < text.endIndex)
            }
        }
        let chars = Array(text)
        return window(chars, finder.marks(in: chars))
    }

    /// The characters of a text holding FTS5's hit markers, and which of them are hits.
    static func unmarked(_ marked: Substring) -> (chars: [Character], marks: [Bool]) {
        var chars: [Character] = [], marks: [Bool] = []
        var inHit = false
        for ch in marked {
            if ch == hitStart { inHit = true } else if ch == hitEnd { inHit = false } else { chars.append(ch); marks.append(inHit) }
        }
        return (chars, marks)
    }

    /// The part of `chars` around its first marked character, on one line: a few words before
    /// it, at most `length` characters and `words` words, "…" where text is left out.
    static func window(_ chars: [Character], _ marks: [Bool], moreBefore: Bool = false, moreAfter: Bool = false) -> MarkedText {
        var start = 0
        if let first = marks.firstIndex(of: true) {
            start = first
            var spaces = 0, width = 0
            while start > 0 {
                let before = chars[start - 1]
                width += ScriptRuns.unspacedKind(of: before) == .ideographic ? 2 : 1
                if width > lead { break }
                if before.isWhitespace { spaces += 1; if spaces == 4 { break } }
                start -= 1
            }
            // Never from the middle of a spaced word: from the next one.
            if start > 0, HitFinder.isSpacedWordCharacter(chars[start - 1]) {
                while start < first, !chars[start].isWhitespace { start += 1 }
                while start < first, chars[start].isWhitespace { start += 1 }
            }
        }
        let end = min(chars.count, start + length)
        var parts: [MarkedText.Part] = []
        func add(_ text: String, _ isHit: Bool) {
            guard !text.isEmpty else { return }
            if let last = parts.last, last.isHit == isHit { parts[parts.count - 1].text += text } else { parts.append(.init(text: text, isHit: isHit)) }
        }
        if start > 0 || moreBefore { add("…", false) }
        var i = start, wordCount = 0
        while i < end, wordCount < words {
            guard !chars[i].isWhitespace else { i += 1; continue }
            if wordCount > 0 { add(" ", false) }
            while i < end, !chars[i].isWhitespace {
                var run = "", j = i
                while j < end, !chars[j].isWhitespace, marks[j] == marks[i] { run.append(chars[j]); j += 1 }
                add(run, marks[i])
                i = j
            }
            wordCount += 1
        }
        if chars.count - start > length || moreAfter { add("…", false) }
        return MarkedText(parts: parts)
    }

    /// Splits a snippet with hit markers into parts, on one line.
    static func parts(_ s: String) -> MarkedText {
        var parts: [MarkedText.Part] = []
        var current = ""
        var inHit = false
        for ch in s {
            if ch == hitStart || ch == hitEnd {
                if !current.isEmpty { parts.append(.init(text: current, isHit: inHit)); current = "" }
                inHit = ch == hitStart
            } else {
                current.append(ch.isNewline ? " " : ch)
            }
        }
        if !current.isEmpty { parts.append(.init(text: current, isHit: inHit)) }
        return MarkedText(parts: parts)
    }

    /// The first comment holding a hit (its author or its text) and a snippet of its text.
    /// `comments` is the post's comments text (`CommentText`), with FTS5's hit markers when
    /// `marked`, else marked here for `words`. Nil when no comment holds a hit.
    static func comment(_ comments: String, marked: Bool, words: [String]) -> (SearchHit.InComment, MarkedText)? {
        let finder = HitFinder(words: words, rule: .prefixes)
        for (index, record) in comments.split(separator: CommentText.recordSeparator, omittingEmptySubsequences: false).enumerated() {
            guard let mark = record.firstIndex(of: CommentText.authorSeparator) else { continue }
            let author = record[..<mark], body = record[mark...].dropFirst()
            let authorChars: [Character], bodyChars: [Character], authorMarks: [Bool], bodyMarks: [Bool]
            if marked {
                (authorChars, authorMarks) = unmarked(author)
                (bodyChars, bodyMarks) = unmarked(body)
            } else {
                authorChars = Array(author); bodyChars = Array(body)
                authorMarks = finder.marks(in: authorChars); bodyMarks = finder.marks(in: bodyChars)
            }
            guard authorMarks.contains(true) || bodyMarks.contains(true) else { continue }
            return (SearchHit.InComment(index: index, author: String(authorChars)), window(bodyChars, bodyMarks))
        }
        return nil
    }
}
