import QuireModel

/// A reference a reader can follow, with the number the text shows after it as `{n}`.
public struct NumberedReference: Hashable, Sendable {
    /// Its place in `post.references` (and `targets`).
    public var index: Int
    public var number: Int
    public var target: ReferenceTarget
}

public extension StoredPost {
    /// The references that lead somewhere (another post, a post not in the archive, a link
    /// out), numbered from 1 in the post's order. The reader's `{n}` marks, its references
    /// section, its link list and `quire links` all take their numbers from here.
    var numberedReferences: [NumberedReference] {
        var out: [NumberedReference] = []
        for i in post.references.indices {
            let target = targets.indices.contains(i) ? targets[i] : .none
            if target != .none { out.append(NumberedReference(index: i, number: out.count + 1, target: target)) }
        }
        return out
    }
}

/// One entry of a post's numbered link list.
public struct PostLink: Hashable, Sendable {
    /// Whether a link of the laid-out text is this entry.
    func matches(_ link: ReaderLink.Kind) -> Bool {
        switch (kind, link) {
        case (.footnote(let a, _), .footnote(let b)): return a == b
        case (.backlink(let a), .backlink(let id, _)): return a.id == id
        case (.footnote, _), (.backlink, _): return false
        case (_, .reference(let n, _, _)): return number == n
        default: return false
        }
    }

    public enum Kind: Hashable, Sendable {
        /// A reference to another post of the archive.
        case post(PostID, title: String)
        /// A reference to a post that is not in the archive.
        case dangling(text: String)
        /// A link out of the archive.
        case external(url: String)
        case footnote(label: String, text: String)
        /// A post that refers to this one.
        case backlink(PostSummary)
    }
    public var number: Int
    public var kind: Kind
}

/// Every link of a post, numbered the same way whatever the window or the notes mode: the
/// references first, with the numbers the text shows as `{n}`, then the footnotes, then the
/// posts that refer to this one.
public enum PostLinks {
    public static func of(_ stored: StoredPost) -> [PostLink] {
        var out: [PostLink] = []
        for ref in stored.numberedReferences {
            let kind: PostLink.Kind
            switch ref.target {
            case .post(let id, let title): kind = .post(id, title: title)
            case .dangling: kind = .dangling(text: stored.post.references[ref.index].text)
            case .external(let url): kind = .external(url: url)
            case .none: continue
            }
            out.append(PostLink(number: ref.number, kind: kind))
        }
        for note in stored.post.footnotes {
            out.append(PostLink(number: out.count + 1, kind: .footnote(label: note.label, text: note.plainText)))
        }
        for b in stored.backlinks {
            out.append(PostLink(number: out.count + 1, kind: .backlink(b)))
        }
        return out
    }

    /// Whether the reader will hand a URL to a browser (see `check`).
    public static func isOpenable(_ url: String) -> Bool {
        if case .open = check(url) { return true }
        return false
    }

    /// What the reader does with a link out of the archive.
    public enum LinkCheck: Equatable, Sendable {
        /// It may be opened, once the user has seen its host, which is this (lowercased).
        case open(host: String)
        /// It is not opened, for this reason.
        case refused(String)
    }

    /// Web addresses only, so that an archived post cannot make the reader open files or run
    /// other URL handlers; nothing invisible in them, so what is shown is what is opened; and no
    /// user name before the host, which is how a link shows one host and opens another
    /// (`https://accounts.google.com.signin@evil.example/`). The host is found as a browser
    /// finds it: after the scheme and any slashes or backslashes, up to the first `/`, `\`,
    /// `?` or `#`, without the port.
    public static func check(_ url: String) -> LinkCheck {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.count > 8, url.count <= 4096 else {
            return .refused("Only http and https links are opened")
        }
        let shown = url.unicodeScalars.allSatisfy { s in
            s.value > 0x20 && !Sanitizer.isUnsafe(s) && !Sanitizer.isInvisible(s) && !s.properties.isDefaultIgnorableCodePoint
                && !s.properties.isWhitespace
        }
        guard shown else { return .refused("Links with invisible characters or spaces are not opened") }
        let afterScheme = url.unicodeScalars.drop { $0 != ":" }.dropFirst().drop { $0 == "/" || $0 == "\\" }
        let authority = afterScheme.prefix { !["/", "\\", "?", "#"].contains($0) }
        guard !authority.contains("@") else { return .refused("Links with a user name before the host are not opened") }
        var host = String(String.UnicodeScalarView(authority)).lowercased()
        if host.hasPrefix("[") {
            host = String(host.prefix { $0 != "]" }) + (host.contains("]") ? "]" : "")
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        guard !host.isEmpty, host != "[]", !host.contains("%") else { return .refused("The link has no host that can be shown") }
        return .open(host: host)
    }
}
