import Foundation
import QuireModel

/// Addresses of embedded media and images, as a reader would want to open or name them.
enum HTMLMedia {
    /// The page where embedded media can be watched: a YouTube or Vimeo player's address
    /// becomes the video's own page; other addresses are kept, made absolute if scheme-relative.
    static func pageURL(_ src: String) -> String {
        var url = src.trimmingCharacters(in: .whitespacesAndNewlines)
        if url.hasPrefix("//") { url = "https:" + url }
        guard let parts = URLComponents(string: url), let host = parts.host?.lowercased() else { return url }
        let path = parts.path.split(separator: "/").map(String.init)
        if host.hasSuffix("youtube.com") || host.hasSuffix("youtube-nocookie.com") {
            // /embed/ID and the old Flash player's /v/ID; a playlist embed has no ID.
            if path.count >= 2, path[0] == "embed" || path[0] == "v", path[1] != "videoseries" {
                let id = path[1].split(separator: "&").first.map(String.init) ?? path[1]
                return "https://www.youtube.com/watch?v=" + id
            }
            if path.first == "embed", let list = parts.queryItems?.first(where: { $0.name == "list" })?.value {
                return "https://www.youtube.com/playlist?list=" + list
            }
        }
        if host == "player.vimeo.com", path.count >= 2, path[0] == "video" {
            return "https://vimeo.com/" + path[1]
        }
        return url
    }

    /// What kind of thing an embedded address shows, for its placeholder.
    static func kind(of url: String, element: HTMLKind, type: String?) -> MediaKind {
        switch element {
        case .video: return .video
        case .audio: return .audio
        default: break
        }
        let lower = url.lowercased()
        let type = (type ?? "").lowercased()
        if type.hasPrefix("video/") { return .video }
        if type.hasPrefix("audio/") { return .audio }
        let host = URLComponents(string: lower)?.host ?? ""
        func on(_ domains: [String]) -> Bool { domains.contains { host == $0 || host.hasSuffix("." + $0) } }
        if on(["youtube.com", "youtu.be", "youtube-nocookie.com", "vimeo.com", "dailymotion.com", "ted.com"]) {
            return lower.contains("/playlist?") ? .playlist : .video
        }
        if on(["soundcloud.com", "bandcamp.com", "spotify.com", "anchor.fm", "podbean.com"]) { return .audio }
        if on(["twitter.com", "x.com"]) { return .tweet }
        if on(["gist.github.com"]) { return .gist }
        for ext in [".mp4", ".webm", ".ogv", ".mov", ".m4v"] where lower.hasSuffix(ext) { return .video }
        for ext in [".mp3", ".ogg", ".oga", ".m4a", ".wav", ".flac", ".opus"] where lower.hasSuffix(ext) { return .audio }
        return .embed
    }

    /// An image's name for its placeholder when it has no alt text: the file name, if it looks
    /// like one (hosts that name files by a long hash give nothing worth reading).
    static func fileName(_ src: String) -> String {
        var s = Substring(src)
        if let cut = s.firstIndex(where: { $0 == "?" || $0 == "#" }) { s = s[..<cut] }
        guard !s.hasPrefix("data:") else { return "" }
        let parts = s.split(separator: "/", omittingEmptySubsequences: true)
        guard let last = parts.last, parts.count > 1 || !s.contains(":") else { return "" }
        let name = String(last).removingPercentEncoding ?? String(last)
        let hasExtension = name.contains(".") && !name.hasSuffix(".")
        guard hasExtension || name.count <= 32, !name.contains(":") else { return "" }
        return name
    }
}
