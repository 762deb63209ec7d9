/// A compact encoding of blocks and inlines: one short key names the case. Stored posts are
/// mostly these values, and the synthesised encoding spent a third of the store on its keys.
extension Inline: Codable {
    private enum Key: String, CodingKey { case t, s, f, r, x, br }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let text = try c.decodeIfPresent(String.self, forKey: .t) {
            self = .text(text, InlineStyle(rawValue: try c.decodeIfPresent(UInt8.self, forKey: .s) ?? 0))
        } else if let label = try c.decodeIfPresent(String.self, forKey: .f) {
            self = .footnoteMarker(label: label)
        } else if let index = try c.decodeIfPresent(Int.self, forKey: .r) {
            self = .reference(index: index, text: try c.decode(String.self, forKey: .x))
        } else if c.contains(.br) {
            self = .lineBreak
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "unknown inline"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let text, let style):
            try c.encode(text, forKey: .t)
            if !style.isEmpty { try c.encode(style.rawValue, forKey: .s) }
        case .footnoteMarker(let label): try c.encode(label, forKey: .f)
        case .reference(let index, let text): try c.encode(index, forKey: .r); try c.encode(text, forKey: .x)
        case .lineBreak: try c.encode(1, forKey: .br)
        }
    }
}

extension Block: Codable {
    private enum Key: String, CodingKey { case p, h, level, q, ul, ol, code, e, hr, m, u, ti, fig, cap, on, n, tb, hd, dt, dd }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let inlines = try c.decodeIfPresent([Inline].self, forKey: .p) {
            self = .paragraph(inlines)
        } else if let inlines = try c.decodeIfPresent([Inline].self, forKey: .h) {
            self = .heading(level: try c.decode(Int.self, forKey: .level), inlines)
        } else if let blocks = try c.decodeIfPresent([Block].self, forKey: .q) {
            self = .quote(blocks)
        } else if let items = try c.decodeIfPresent([[Block]].self, forKey: .ul) {
            self = .list(ordered: false, items: items)
        } else if let items = try c.decodeIfPresent([[Block]].self, forKey: .ol) {
            self = .list(ordered: true, items: items)
        } else if let code = try c.decodeIfPresent(String.self, forKey: .code) {
            self = .code(code)
        } else if c.contains(.e) {
            self = .elision
        } else if c.contains(.hr) {
            self = .rule
        } else if let kind = try c.decodeIfPresent(String.self, forKey: .m) {
            // A kind a later version added reads as the most general one.
            self = .media(kind: MediaKind(rawValue: kind) ?? .embed, url: try c.decode(String.self, forKey: .u),
                          title: try c.decodeIfPresent(String.self, forKey: .ti))
        } else if let inner = try c.decodeIfPresent(Block.self, forKey: .fig) {
            self = .figure(inner, caption: try c.decodeIfPresent([Inline].self, forKey: .cap) ?? [])
        } else if let items = try c.decodeIfPresent([[Block]].self, forKey: .on) {
            self = .numberedList(numbers: try c.decode([Int].self, forKey: .n), items: items)
        } else if let rows = try c.decodeIfPresent([[[Inline]]].self, forKey: .tb) {
            self = .table(rows: rows, headerRows: try c.decodeIfPresent(Int.self, forKey: .hd) ?? 0)
        } else if let inlines = try c.decodeIfPresent([Inline].self, forKey: .dt) {
            self = .term(inlines)
        } else if let blocks = try c.decodeIfPresent([Block].self, forKey: .dd) {
            self = .definition(blocks)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "unknown block"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .paragraph(let inlines): try c.encode(inlines, forKey: .p)
        case .heading(let level, let inlines): try c.encode(inlines, forKey: .h); try c.encode(level, forKey: .level)
        case .quote(let blocks): try c.encode(blocks, forKey: .q)
        case .list(let ordered, let items): try c.encode(items, forKey: ordered ? .ol : .ul)
        case .code(let code): try c.encode(code, forKey: .code)
        case .elision: try c.encode(1, forKey: .e)
        case .rule: try c.encode(1, forKey: .hr)
        case .media(let kind, let url, let title):
            try c.encode(kind.rawValue, forKey: .m); try c.encode(url, forKey: .u)
            try c.encodeIfPresent(title, forKey: .ti)
        case .figure(let inner, let caption): try c.encode(inner, forKey: .fig); try c.encode(caption, forKey: .cap)
        case .numberedList(let numbers, let items): try c.encode(numbers, forKey: .n); try c.encode(items, forKey: .on)
        case .table(let rows, let headerRows):
            try c.encode(rows, forKey: .tb)
            if headerRows != 0 { try c.encode(headerRows, forKey: .hd) }
        case .term(let inlines): try c.encode(inlines, forKey: .dt)
        case .definition(let blocks): try c.encode(blocks, forKey: .dd)
        }
    }
}
