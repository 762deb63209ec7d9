/// `--listen`: `HOST:PORT`, `[IPv6]:PORT`, or a port alone (on 127.0.0.1).
public enum ListenAddress {
    public static func parse(_ text: String) -> (host: String, port: Int)? {
        func port(_ s: Substring) -> Int? {
            guard !s.isEmpty, s.allSatisfy(\.isASCII), let p = Int(s), (0...65535).contains(p) else { return nil }
            return p
        }
        if let p = port(Substring(text)) { return ("127.0.0.1", p) }
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            let host = text[text.index(after: text.startIndex)..<close]
            guard !host.isEmpty, let p = port(text[text.index(close, offsetBy: 2)...]) else { return nil }
            return (String(host), p)
        }
        guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { return nil }
        let host = text[..<colon]
        guard !host.isEmpty, let p = port(text[text.index(after: colon)...]) else { return nil }
        return (String(host), p)
    }
}
