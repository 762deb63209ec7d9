import Foundation
import Testing

/// Broken and hostile imports through the real `quire import`. Each either fails with
/// `file:line[:column]: error:`, exit status 1 and the store exactly as it was (same posts,
/// labels and stats, `PRAGMA integrity_check` ok), or imports cleanly; never a crash or a hang,
/// and the child's peak resident memory (wait4) stays under 300 MB.
@Suite(.serialized) struct HostileImportTests {
    @Test(arguments: HostileInput.all)
    func importEndsCleanly(_ input: HostileInput) throws {
        let dir = try TempDir()
        let file = dir.path(input.file)
        try input.bytes().write(to: URL(fileURLWithPath: file))
        let store = try DemoStore.shared.copy(into: dir)
        let before = try Snapshot(store)
        // A hang guard: the slowest input takes about 6 s here.
        let r = try run(quireBinary, ["--store", store, "import", file], timeout: 120 * Sanitizers.slowdown)
        #expect(!r.timedOut, "\(input.name) hung")
        #expect(r.signal == nil, "\(input.name) crashed: signal \(r.signal ?? 0)\n\(r.stderr.suffix(2000))")
        #expect(r.peakMB < Sanitizers.memoryLimitMB, "\(input.name): peak resident memory \(r.peakMB) MB")
        switch input.outcome {
        case .fails(let fragment, let column):
            #expect(r.status == 1, "\(input.name): exit \(r.status)\n\(r.stderr)")
            let first = r.stderr.split(separator: "\n").first.map(String.init) ?? ""
            let located = column ? "\(file):[0-9]+:[0-9]+: error: " : "\(file):[0-9]+(:[0-9]+)?: error: "
            #expect(first.range(of: "^" + NSRegularExpression.escapedPattern(for: file) + String(located.dropFirst(file.count)),
                                options: .regularExpression) != nil, "\(input.name): \(first)")
            #expect(fragment.isEmpty || first.lowercased().contains(fragment.lowercased()), "\(input.name): \(first)")
            #expect(r.stderr.contains("nothing was imported; the store is unchanged"))
            #expect(try Snapshot(store) == before, "\(input.name) changed the store")
        case .imports(let check):
            #expect(r.status == 0, "\(input.name): exit \(r.status)\n\(r.stderr)")
            #expect(r.stdout.hasPrefix("imported 1,") || r.stdout.hasPrefix("imported 2,"), "\(input.name): \(r.stdout)")
            try check(HostileInput.Result(store: store, stderr: r.stderr))
        }
        #expect(try integrity(store) == "ok")
    }

    /// Posts of 10 MB, ordinary and made of nothing but markup: each imports, under 300 MB. In
    /// an XML export the post's escaped HTML is one text node, which libxml2 keeps under 10 MB
    /// (see the input "more than 10 MB of text in one element").
    @Test(arguments: BigPost.all)
    func tenMegabytePosts(_ post: BigPost) throws {
        let dir = try TempDir()
        let file = dir.path(post.file)
        try post.bytes().write(to: URL(fileURLWithPath: file))
        // A hang guard: each takes up to about 13 s here.
        let r = try run(quireBinary, ["--store", dir.path("s.sqlite"), "import", file], timeout: 300 * Sanitizers.slowdown)
        #expect(!r.timedOut && r.signal == nil, "\(post.file): \(r.stderr.suffix(2000))")
        #expect(r.status == 0, "\(post.file): \(r.stderr)")
        #expect(r.peakMB < Sanitizers.memoryLimitMB, "\(post.file): peak resident memory \(r.peakMB) MB")
        #expect(r.stderr.contains("plain paragraphs") == post.overBudget, "\(post.file): \(r.stderr)")
        let shown = try quire(dir.path("s.sqlite"), "show", "1", "--width", "60")
        #expect(shown.status == 0 && shown.stdout.contains(post.sample), "\(post.file)")
        let found = try quire(dir.path("s.sqlite"), "search", post.sample)
        #expect(found.stdout.contains("1. "), "\(post.file): no hit for \(post.sample)")
    }

    /// External entities name a file and a URL; neither is ever opened. The file is a named pipe
    /// that notes whether anything opened it; the URL is a port on this machine that notes
    /// whether anything connected.
    @Test(arguments: EntityTrap.forms)
    func externalEntitiesAreNeverRead(_ form: EntityTrap.Form) throws {
        let dir = try TempDir()
        let trap = try EntityTrap(in: dir)
        defer { trap.stop() }
        let file = dir.path(form.file)
        try Data(form.text(trap.fileURL, trap.httpURL).utf8).write(to: URL(fileURLWithPath: file))
        let store = try DemoStore.shared.copy(into: dir)
        // A hang guard: each takes a fraction of a second here.
        let r = try run(quireBinary, ["--store", store, "import", file], timeout: 30 * Sanitizers.slowdown)
        #expect(!r.timedOut && r.signal == nil, "\(form.name): \(r.stderr)")
        #expect(r.status == 0 || (r.status == 1 && r.stderr.hasPrefix(file + ":")), "\(form.name): \(r.status) \(r.stderr)")
        #expect(!trap.fileWasOpened(), "\(form.name) opened the file")
        #expect(!trap.portWasContacted(), "\(form.name) connected to the URL")
        let everything = try quire(store, "search", EntityTrap.secret).stdout + (try quire(store, "list", "--json").stdout)
        #expect(!everything.contains(EntityTrap.secret) && !everything.contains("contacted"), "\(form.name)")
        #expect(try integrity(store) == "ok")
    }
}

// MARK: - Inputs

struct HostileInput: CustomTestStringConvertible, Sendable {
    struct Result { var store: String; var stderr: String }
    enum Outcome: Sendable {
        /// Fails with this in its message; with a column too when `column`.
        case fails(String, column: Bool)
        /// Imports; the check looks at the store.
        case imports(@Sendable (Result) throws -> Void)
    }
    var name: String
    var file: String
    var bytes: @Sendable () -> Data
    var outcome: Outcome
    var testDescription: String { name }

    static let head = "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>\n<link rel='alternate' type='text/html' href='http://h.example.com/'/>\n"
    static let kind = "<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>"
    static func entry(_ n: Int, _ content: String, title: String? = nil, extra: String = "") -> String {
        "<entry><id>tag:blogger.com,1999:blog-1.post-\(n)</id><published>2030-01-0\(n)T10:00:00.000Z</published>\(kind)<title type='text'>\(title ?? "Post \(n)")</title><content type='html'>\(content)</content>\(extra)</entry>\n"
    }
    static func feed(_ entries: String, head: String = head) -> Data { Data((head + entries + "</feed>\n").utf8) }
    static let good = feed(entry(1, "Hello &lt;b&gt;world&lt;/b&gt;") + entry(2, "Second post"))
    static func escaped(_ html: String) -> String {
        html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
    static func nested(_ tag: String, _ n: Int, _ inner: String) -> String {
        String(repeating: "<\(tag)>", count: n) + inner + String(repeating: "</\(tag)>", count: n)
    }
    static let laughs = "<?xml version='1.0'?>\n<!DOCTYPE feed [\n<!ENTITY lol \"lol\">\n"
        + (1...9).map { i in "<!ENTITY lol\(i) \"\(String(repeating: i == 1 ? "&lol;" : "&lol\(i - 1);", count: 10))\">\n" }.joined() + "]>\n"

    /// The one post from 2030 (the demo archive stops in 2010), as `show --json` prints it.
    static func newPost(_ r: Result) throws -> [String: Any] {
        let listed = try JSONSerialization.jsonObject(with: try quire(r.store, "list", "--year", "2030", "--json").stdoutBytes) as? [[String: Any]] ?? []
        let id = try #require(listed.first?["id"] as? Int, "no post from 2030")
        return try JSONSerialization.jsonObject(with: try quire(r.store, "show", String(id), "--json").stdoutBytes) as? [String: Any] ?? [:]
    }
    static func expectPost(title: String? = nil, text: String? = nil, warning: String? = nil) -> Outcome {
        .imports { r in
            let post = try newPost(r)
            if let title { #expect(post["title"] as? String == title) }
            if let text { #expect((post["text"] as? String ?? "").contains(text), "\(String((post["text"] as? String ?? "").prefix(300)))") }
            if let warning { #expect(r.stderr.contains(warning), "\(r.stderr)") }
        }
    }

    static let all: [HostileInput] = {
        var inputs: [HostileInput] = []
        let g = good
        for (i, fraction) in [0.2, 0.4, 0.55, 0.8, 0.97].enumerated() {
            inputs.append(HostileInput(name: "truncated at \(Int(fraction * 100))%", file: "cut-\(i).xml",
                                       bytes: { g.prefix(Int(Double(g.count) * fraction)) }, outcome: .fails("", column: true)))
        }
        inputs.append(HostileInput(name: "truncated inside an entry's text", file: "cut-text.xml",
                                   bytes: { Data((head + "<entry><id>x</id><content type='html'>The file ends in the mid").utf8) },
                                   outcome: .fails("cut short", column: true)))
        inputs += [
            HostileInput(name: "mismatched tags", file: "mismatched.xml",
                         bytes: { feed(entry(1, "x").replacingOccurrences(of: "</title>", with: "</titel>")) },
                         outcome: .fails("mismatch", column: true)),
            // An undeclared prefix leaves the document well-formed: it is read, with a warning
            // naming the line.
            HostileInput(name: "undeclared namespace prefix on an element", file: "prefix.xml",
                         bytes: { feed(entry(1, "x", extra: "<foo:total>3</foo:total>")) },
                         outcome: expectPost(warning: "prefix.xml:4: warning: Namespace prefix foo")),
            HostileInput(name: "undeclared namespace prefix on an attribute", file: "prefix-attr.xml",
                         bytes: { feed(entry(1, "x", extra: "<link rel='alternate' foo:bar='1' href='http://h.example.com/x.html'/>")) },
                         outcome: expectPost(warning: "prefix-attr.xml:4: warning: Namespace prefix foo")),
            HostileInput(name: "CDATA split to hold ]]>", file: "split-cdata.xml",
                         bytes: { feed(entry(1, "<![CDATA[<p>part one ]]]]><![CDATA[> part two</p>]]>")) },
                         outcome: expectPost(text: "part one ]]> part two")),
            HostileInput(name: "a CDATA section across the reader's 64 KB chunks", file: "cdata-big.xml",
                         bytes: { feed(entry(1, "<![CDATA[<p>" + String(repeating: "lorem ipsum dolor ", count: 12_000) + "the end</p>]]>")) },
                         outcome: expectPost(text: "dolor the end")),
            HostileInput(name: "CDATA never closed", file: "cdata-open.xml",
                         bytes: { feed(entry(1, "<![CDATA[<p>never closed</p>")) }, outcome: .fails("", column: true)),
            HostileInput(name: "declared windows-1252", file: "cp1252.xml",
                         bytes: { (head.replacingOccurrences(of: "UTF-8", with: "windows-1252") + entry(1, "x", title: "Caf\u{E9} \u{20AC}5 \u{201C}q\u{201D}") + "</feed>\n").data(using: .windowsCP1252)! },
                         outcome: expectPost(title: "Café €5 “q”", warning: "converted from windows-1252")),
            HostileInput(name: "declared Shift_JIS", file: "sjis.xml",
                         bytes: { (head.replacingOccurrences(of: "UTF-8", with: "Shift_JIS") + entry(1, "本文", title: "日本語のブログ") + "</feed>\n").data(using: .shiftJIS)! },
                         outcome: expectPost(title: "日本語のブログ", text: "本文", warning: "converted from Shift_JIS")),
            HostileInput(name: "declared UTF-16 with a byte-order mark", file: "utf16.xml",
                         bytes: { (head.replacingOccurrences(of: "UTF-8", with: "UTF-16") + entry(1, "sixteen é") + "</feed>\n").data(using: .utf16)! },
                         outcome: expectPost(text: "sixteen é", warning: "converted from UTF-16")),
            HostileInput(name: "an encoding no one knows", file: "unknown-charset.xml",
                         bytes: { feed(entry(1, "x"), head: head.replacingOccurrences(of: "UTF-8", with: "x-no-such-charset")) },
                         outcome: .fails("unsupported encoding", column: true)),
            HostileInput(name: "labelled UTF-16, written in UTF-8", file: "charset-lie.xml",
                         bytes: { feed(entry(1, "x"), head: head.replacingOccurrences(of: "UTF-8", with: "UTF-16")) },
                         outcome: .fails("UTF-16", column: true)),
            HostileInput(name: "an empty .xml", file: "empty.xml", bytes: { Data() }, outcome: .fails("the file is empty", column: false)),
            HostileInput(name: "an empty .txt", file: "empty.txt", bytes: { Data() }, outcome: .fails("empty file", column: false)),
            HostileInput(name: "an empty .md (a post titled by its name)", file: "2030-01-05-empty.md", bytes: { Data() },
                         outcome: expectPost(title: "Empty")),
            HostileInput(name: "binary named .xml", file: "binary.xml", bytes: { Self.noise(100_000) },
                         outcome: .fails("binary data", column: false)),
            HostileInput(name: "binary named .txt", file: "binary.txt", bytes: { Self.noise(100_000) },
                         outcome: .fails("binary data", column: false)),
            HostileInput(name: "a PNG with no extension", file: "picture", bytes: { Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Self.noise(5000) },
                         outcome: .fails("binary data", column: false)),
            HostileInput(name: "a stray NUL byte in an export", file: "nul.xml", bytes: { feed(entry(1, "nul \u{0} here")) },
                         outcome: expectPost(text: "nul \u{FFFD} here", warning: "replaced with U+FFFD")),
            HostileInput(name: "HTML nested 100 levels deep", file: "nested-100.xml",
                         bytes: { feed(entry(1, escaped(nested("div", 100, "deep div") + nested("blockquote", 100, "deep quote")
                                                        + String(repeating: "<ul><li>", count: 100) + "deep list" + String(repeating: "</li></ul>", count: 100)
                                                        + nested("b", 100, "deep bold")))) },
                         outcome: .imports { r in
                             let post = try newPost(r)
                             let text = post["text"] as? String ?? ""
                             for part in ["deep div", "deep quote", "deep list", "deep bold"] { #expect(text.contains(part), "\(part)") }
                             let id = String(post["id"] as? Int ?? 0)
                             let shown = try quire(r.store, "show", id, "--width", "40").stdout
                             let wide = shown.split(separator: "\n").filter { terminalWidth(String($0)) > 40 }
                             #expect(wide.isEmpty, "lines wider than 40: \(wide.prefix(2))")
                             for part in ["deep quote", "deep list"] { #expect(shown.contains(part)) }
                         }),
            HostileInput(name: "HTML nested 10,000 levels deep", file: "nested-10000.xml",
                         bytes: { feed(entry(1, escaped(nested("blockquote", 10_000, "very deep")))) }, outcome: .imports { _ in }),
            HostileInput(name: "200,000 unclosed tags", file: "unclosed.xml",
                         bytes: { feed(entry(1, escaped(String(repeating: "<blockquote>", count: 200_000) + "very deep"))) },
                         outcome: .imports { r in #expect(r.stderr.contains("plain paragraphs")) }),
            HostileInput(name: "more than 10 MB of text in one element", file: "huge-text.xml",
                         bytes: { feed(entry(1, String(repeating: "0123456789 ", count: 1_000_000))) },
                         outcome: .fails("more than 10 MB of text", column: true)),
            HostileInput(name: "a malformed TOML date in front matter (toml++ asserted)", file: "2030-01-03-toml.md",
                         bytes: { Data("+++\ntitle = \"Toml\"\ndate = 2021-06-01Te08:00:00+02:00\n+++\n\nBody.\n".utf8) },
                         outcome: expectPost(title: "Toml", text: "Body.", warning: ":3: warning: front matter does not parse")),
            HostileInput(name: "billion laughs", file: "laughs.xml",
                         bytes: { Data((laughs + String(head.split(separator: "\n", maxSplits: 1)[1]) + entry(1, "&lol9;") + "</feed>\n").utf8) },
                         outcome: .fails("entit", column: true)),
            HostileInput(name: "billion laughs in an attribute", file: "laughs-attr.xml",
                         bytes: { Data((laughs + String(head.split(separator: "\n", maxSplits: 1)[1]) + entry(1, "x", extra: "<link rel='alternate' href='&lol9;'/>") + "</feed>\n").utf8) },
                         outcome: .fails("entit", column: true)),
            HostileInput(name: "quadratic blowup", file: "quadratic.xml",
                         bytes: { Data(("<?xml version='1.0'?>\n<!DOCTYPE feed [\n<!ENTITY a \"\(String(repeating: "x", count: 100_000))\">\n]>\n"
                                        + String(head.split(separator: "\n", maxSplits: 1)[1]) + entry(1, "before " + String(repeating: "&a;", count: 20_000) + " after") + "</feed>\n").utf8) },
                         outcome: .imports { r in
                             let text = try newPost(r)["text"] as? String ?? ""
                             #expect(!text.contains("xxxxxxxxxx") && text.contains("before") && r.stderr.contains("left unexpanded"))
                         }),
        ]
        return inputs
    }()

    static func noise(_ count: Int) -> Data {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return Data((0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        })
    }
}

/// A 10 MB post.
struct BigPost: CustomTestStringConvertible, Sendable {
    var file: String
    var bytes: @Sendable () -> Data
    /// Whether it has more markup than Quire holds, and is read as plain paragraphs.
    var overBudget: Bool
    /// A word the post holds, to find it by.
    var sample: String
    var testDescription: String { file }

    static let paragraph = (0..<150).map { "item\($0 % 977)" }.joined(separator: " ") + " zanzibar"
    static func blogger(_ html: String) -> Data {
        HostileInput.feed(HostileInput.entry(1, HostileInput.escaped(html), title: "Big"))
    }
    static let all: [BigPost] = [
        BigPost(file: "paragraphs.xml", bytes: { blogger(String(repeating: "<p>\(paragraph) <a href='http://x.example/'>link</a></p>\n", count: 8_500)) },
                overBudget: false, sample: "zanzibar"),
        BigPost(file: "paragraphs.txt", bytes: { Data(("2030-01-01\n\nBig\n\n" + String(repeating: paragraph + "\n\n", count: 9_000)).utf8) },
                overBudget: false, sample: "zanzibar"),
        BigPost(file: "paragraphs.md", bytes: { Data(("---\ntitle: Big\n---\n\n" + String(repeating: paragraph + " *em* [link](http://x.example/)\n\n", count: 8_500)).utf8) },
                overBudget: false, sample: "zanzibar"),
        BigPost(file: "breaks.xml", bytes: { blogger(String(repeating: "zanzibar<br>", count: 560_000)) }, overBudget: true, sample: "zanzibar"),
        BigPost(file: "tags.md", bytes: { Data(("---\ntitle: Big\n---\n\n" + String(repeating: "*zanzibar* `x` [y] ", count: 520_000)).utf8) },
                overBudget: true, sample: "zanzibar"),
        BigPost(file: "markers.txt", bytes: { Data(("2030-01-01\n\nBig\n\n" + String(repeating: String(repeating: "zanzibar[1] ", count: 100) + "\n", count: 8_000)).utf8) },
                overBudget: true, sample: "zanzibar"),
    ]
}

// MARK: - Helpers

/// What a store holds, as the commands print it.
struct Snapshot: Equatable {
    var stats: String, posts: String, labels: String
    init(_ store: String) throws {
        stats = try quire(store, "stats", "--json").stdout
        posts = try quire(store, "list", "--json", "--limit", "100000").stdout
        labels = try quire(store, "labels", "--json").stdout
    }
}

/// A named pipe standing for a file and a listening port standing for a URL, both noting
/// whether anything reached them.
final class EntityTrap: @unchecked Sendable {
    static let secret = "TRAPPEDSECRETWORD"
    struct Form: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var text: @Sendable (_ fileURL: String, _ httpURL: String) -> String
        var testDescription: String { name }
    }
    let fifo: String
    let port: UInt16
    private let listener: Int32
    private let lock = NSLock()
    private var opened = false
    private var finished = false
    private let writerDone = DispatchSemaphore(value: 0)

    var fileURL: String { "file://" + fifo }
    var httpURL: String { "http://127.0.0.1:\(port)/entity" }

    init(in dir: TempDir) throws {
        fifo = dir.path("secret.fifo")
        guard mkfifo(fifo, 0o644) == 0 else { throw TestFailure("mkfifo failed") }
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, len) == 0 && getsockname(sock, $0, &len) == 0 }
        }
        guard bound, listen(sock, 8) == 0 else { Glibc.close(sock); throw TestFailure("cannot listen") }
        _ = fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK)
        listener = sock
        port = UInt16(bigEndian: addr.sin_port)
        // Blocks until something opens the pipe for reading, then hands it the secret.
        let path = fifo
        Thread { [self] in
            let fd = open(path, O_WRONLY)
            lock.lock(); let real = !finished; if real { opened = true }; lock.unlock()
            if fd >= 0 {
                if real { _ = Self.secret.withCString { write(fd, $0, strlen($0)) } }
                Glibc.close(fd)
            }
            writerDone.signal()
        }.start()
    }

    /// Whether anything opened the pipe: afterwards the writer is let go by opening it here.
    func fileWasOpened() -> Bool {
        lock.lock(); finished = true; lock.unlock()
        let fd = open(fifo, O_RDONLY | O_NONBLOCK)
        _ = writerDone.wait(timeout: .now() + 5)
        if fd >= 0 { Glibc.close(fd) }
        lock.lock(); defer { lock.unlock() }
        return opened
    }

    /// Whether a connection reached the port (the kernel queues it even if never accepted).
    func portWasContacted() -> Bool {
        let fd = accept(listener, nil, nil)
        if fd >= 0 { Glibc.close(fd); return true }
        return false
    }

    func stop() { Glibc.close(listener) }

    static let forms: [Form] = {
        let start = "<?xml version='1.0'?>\n"
        let feedOpen = "<feed xmlns='http://www.w3.org/2005/Atom'>\n"
        @Sendable func blogger(_ body: String, title: String = "Peeking", extra: String = "") -> String {
            "<entry><id>tag:blogger.com,1999:blog-9.post-1</id>\(HostileInput.kind)<published>2030-01-01T00:00:00.000Z</published><title type='text'>\(title)</title><content type='html'>\(body)</content>\(extra)</entry>\n</feed>\n"
        }
        return [
            Form(name: "general entities in text", file: "general.xml") { f, u in
                start + "<!DOCTYPE feed [\n<!ENTITY secret SYSTEM \"\(f)\">\n<!ENTITY remote SYSTEM \"\(u)\">\n]>\n" + feedOpen + blogger("Before &secret; &remote; after")
            },
            Form(name: "entities in a title and an attribute", file: "attribute.xml") { f, u in
                start + "<!DOCTYPE feed [\n<!ENTITY secret SYSTEM \"\(f)\">\n<!ENTITY remote SYSTEM \"\(u)\">\n]>\n" + feedOpen
                    + blogger("x", title: "&secret;", extra: "<link rel='alternate' href='&remote;'/>")
            },
            Form(name: "parameter entities", file: "parameter.xml") { f, u in
                start + "<!DOCTYPE feed [\n<!ENTITY % p SYSTEM \"\(f)\">\n%p;\n<!ENTITY % q SYSTEM \"\(u)\">\n%q;\n]>\n" + feedOpen + blogger("text")
            },
            Form(name: "an external DTD by path", file: "dtd-file.xml") { f, _ in
                start + "<!DOCTYPE feed SYSTEM \"\(f)\">\n" + feedOpen + blogger("text")
            },
            Form(name: "an external DTD by URL", file: "dtd-url.xml") { _, u in
                start + "<!DOCTYPE feed PUBLIC \"-//X//DTD X//EN\" \"\(u)\">\n" + feedOpen + blogger("text")
            },
            Form(name: "XInclude", file: "xinclude.xml") { f, u in
                start + "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:xi='http://www.w3.org/2001/XInclude'>\n"
                    + blogger("text", extra: "<xi:include href='\(f)' parse='text'/><xi:include href='\(u)'/>")
            },
            Form(name: "a DOCTYPE and entities inside the post's HTML", file: "html.xml") { f, u in
                start + feedOpen + blogger(HostileInput.escaped("<!DOCTYPE html SYSTEM \"\(u)\" [<!ENTITY s SYSTEM \"\(f)\">]><p>&s; <img src='\(f)'><iframe src='\(u)'></iframe><link rel=stylesheet href='\(u)'></p>"))
            },
            Form(name: "a WordPress export", file: "wordpress.xml") { f, u in
                start + "<!DOCTYPE rss [\n<!ENTITY secret SYSTEM \"\(f)\">\n<!ENTITY remote SYSTEM \"\(u)\">\n]>\n"
                    + "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/' xmlns:wp='http://wordpress.org/export/1.2/'><channel><wp:wxr_version>1.2</wp:wxr_version>"
                    + "<item><title>&secret;</title><content:encoded><![CDATA[<p>Body</p>]]></content:encoded><wp:post_id>1</wp:post_id>"
                    + "<wp:post_date>2030-01-01 10:00:00</wp:post_date><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><link>&remote;</link></item></channel></rss>\n"
            },
            Form(name: "raw HTML in a Markdown post", file: "2030-01-02-post.md") { f, u in
                "---\ntitle: Peeking\n---\n\n<!DOCTYPE x [<!ENTITY s SYSTEM \"\(f)\">]>\n\n<div>&s; <img src=\"\(f)\"> <iframe src=\"\(u)\"></iframe></div>\n\nText.\n"
            },
        ]
    }()
}
