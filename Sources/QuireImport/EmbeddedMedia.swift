import Foundation
import QuireModel

/// Where embedded media can be watched or read: an embed address turned into the page a
/// browser would show (`youtube.com/embed/ID` becomes `youtube.com/watch?v=ID`), and the kind
/// of thing it is, for the placeholder line.
enum EmbeddedMedia {
    static func youTube(_ id: String) -> String { "https://www.youtube.com/watch?v=" + id }
    static func vimeo(_ id: String) -> String { "https://vimeo.com/" + id }

    /// The page for an embed address, and its kind when the address tells (else `fallback`).
    static func page(for address: String, fallback: MediaKind) -> (kind: MediaKind, url: String) {
        let url = address.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = url.lowercased()
        let host = OwnLinks.host(of: url) ?? ""
        let path = pathAndQuery(url)
        if host.hasSuffix("youtube.com") || host.hasSuffix("youtube-nocookie.com") || host == "youtu.be" {
            if host == "youtu.be", let id = path.split(separator: "/").first.map({ String($0.prefix { $0 != "?" }) }), !id.isEmpty {
                return (.video, youTube(id))
            }
            for prefix in ["/embed/", "/v/", "/shorts/", "/live/"] where path.hasPrefix(prefix) {
                let id = path.dropFirst(prefix.count).prefix { $0 != "?" && $0 != "/" && $0 != "&" }
                if !id.isEmpty && id != "videoseries" { return (.video, youTube(String(id))) }
            }
            if path.hasPrefix("/embed/videoseries"), let list = queryValue(path, "list") {
                return (.playlist, "https://www.youtube.com/playlist?list=" + list)
            }
            return (.video, url)
        }
        if host == "player.vimeo.com", path.hasPrefix("/video/") {
            let id = path.dropFirst("/video/".count).prefix { $0.isNumber }
            if !id.isEmpty { return (.video, vimeo(String(id))) }
        }
        if host.hasSuffix("vimeo.com") || host.hasSuffix("dailymotion.com") || host == "videopress.com"
            || host.hasSuffix("ted.com") || host.hasSuffix("twitch.tv") { return (.video, url) }
        if host == "twitter.com" || host == "x.com" || host.hasSuffix(".twitter.com") { return (.tweet, url) }
        if host == "gist.github.com" {
            return (.gist, lower.hasSuffix(".js") ? String(url.dropLast(3)) : url)
        }
        if host.hasSuffix("soundcloud.com") || host.hasSuffix("spotify.com") || host.hasSuffix("mixcloud.com") {
            return (.audio, url)
        }
        let ext = (path.prefix { $0 != "?" && $0 != "#" } as Substring).split(separator: ".").last.map { $0.lowercased() } ?? ""
        if ["mp4", "m4v", "webm", "ogv", "mov", "wmv", "flv"].contains(ext) { return (.video, url) }
        if ["mp3", "m4a", "ogg", "oga", "wav", "wma", "flac", "opus"].contains(ext) { return (.audio, url) }
        if ["jpg", "jpeg", "png", "gif", "webp", "svg", "avif"].contains(ext) { return (.image, url) }
        return (fallback, url)
    }

    /// The path and query of an absolute or protocol-relative address (the whole of anything else).
    static func pathAndQuery(_ url: String) -> String {
        guard let scheme = url.range(of: "//") else { return url }
        let afterHost = url[scheme.upperBound...].drop { $0 != "/" && $0 != "?" }
        return String(afterHost)
    }

    static func queryValue(_ pathAndQuery: String, _ name: String) -> String? {
        guard let q = pathAndQuery.firstIndex(of: "?") else { return nil }
        for pair in pathAndQuery[pathAndQuery.index(after: q)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0] == name { return String(parts[1]) }
        }
        return nil
    }

    /// An image's name for its placeholder when it has no alt text: the file name.
    static func fileName(_ url: String) -> String? {
        let path = url.prefix { $0 != "?" && $0 != "#" }
        guard let last = path.split(separator: "/").last, !last.contains(":") else { return nil }
        let name = String(last)
        return name.removingPercentEncoding ?? name
    }

    /// An image as its placeholder shows it: its alt text, else its file name.
    static func image(src: String, alt: String?) -> Block {
        let alt = alt.map(HTMLText.plain)
        let title = alt.flatMap { $0.isEmpty ? nil : $0 } ?? fileName(src)
        return .media(kind: .image, url: Sanitizer.clean(src.trimmingCharacters(in: .whitespaces)), title: title)
    }
}
