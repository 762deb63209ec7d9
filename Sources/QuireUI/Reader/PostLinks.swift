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

    /// Whether the reader will hand a URL to a browser: web addresses only, so that an
    /// archived post cannot make it open files or run other URL handlers.
    public static func isOpenable(_ url: String) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), url.count > 8, url.count <= 4096 else { return false }
        return url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) }
    }
}
