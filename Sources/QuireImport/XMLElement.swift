/// One element of an export, with its attributes, text and children, built from the stream.
///
/// Only one entry or item is held at a time, so a whole export never sits in memory as a tree.
struct XElement: Sendable {
    var namespace: String
    var name: String
    /// Attributes by local name (namespaced attributes lose their prefix).
    var attributes: [String: String]
    /// The element's own text and CDATA, concatenated.
    var text: String
    var children: [XElement]
    /// The line the element starts on, for messages.
    var line: Int
    /// On an element handed over whole (an entry, an item), when its text was more than the
    /// reader keeps of one (`XMLStreamReader.textLimit`): the bytes it held.
    var textCut: Int?

    init(namespace: String, name: String, attributes: [String: String] = [:], text: String = "",
         children: [XElement] = [], line: Int = 0) {
        self.namespace = namespace; self.name = name; self.attributes = attributes
        self.text = text; self.children = children; self.line = line
    }

    func `is`(_ ns: XNamespace, _ local: String) -> Bool { name == local && ns.matches(namespace) }

    func first(_ ns: XNamespace, _ local: String) -> XElement? {
        children.first { $0.is(ns, local) }
    }

    func all(_ ns: XNamespace, _ local: String) -> [XElement] {
        children.filter { $0.is(ns, local) }
    }

    /// The text of the first child with that name, or nil when there is none.
    func text(_ ns: XNamespace, _ local: String) -> String? { first(ns, local)?.text }

    func attribute(_ local: String) -> String? { attributes[local] }

    /// All the text inside the element, children included, in document order.
    var deepText: String {
        children.isEmpty ? text : text + children.map(\.deepText).joined()
    }
}

/// The XML namespaces the exports use.
enum XNamespace: Sendable {
    case none
    case atom
    case app
    case thread
    case gdata
    case blogger2018
    /// WordPress's `wp:` namespace in any of its versions and schemes.
    case wordpress
    case rssContent
    case dublinCore
    /// WordPress's `excerpt:` namespace in any of its versions.
    case wordpressExcerpt

    func matches(_ uri: String) -> Bool {
        switch self {
        case .none: return uri.isEmpty
        case .atom: return uri == "http://www.w3.org/2005/Atom"
        case .app: return uri == "http://purl.org/atom/app#" || uri == "http://www.w3.org/2007/app"
        case .thread: return uri == "http://purl.org/syndication/thread/1.0"
        case .gdata: return uri == "http://schemas.google.com/g/2005"
        case .blogger2018: return uri == "http://schemas.google.com/blogger/2018"
        case .wordpress:
            return XNamespace.isWordPress(uri) && !uri.contains("/excerpt")
        case .rssContent: return uri == "http://purl.org/rss/1.0/modules/content/"
        case .dublinCore: return uri == "http://purl.org/dc/elements/1.1/"
        case .wordpressExcerpt: return XNamespace.isWordPress(uri) && uri.contains("/excerpt")
        }
    }

    /// `http://wordpress.org/export/1.2/`, `https://wordpress.org/export/1.0/` and the like.
    static func isWordPress(_ uri: String) -> Bool {
        uri.hasPrefix("http://wordpress.org/export/") || uri.hasPrefix("https://wordpress.org/export/")
    }
}
