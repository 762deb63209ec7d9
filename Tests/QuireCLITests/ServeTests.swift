import Foundation
import Testing

/// `quire serve` end to end: the real server, the real OpenSSH client (in tmux where a
/// terminal is needed), a store of its own per test and temporary XDG folders.
@Suite(.enabled(if: ServeHarness.available, "needs tmux, OpenSSH's ssh and the quire binary"))
struct ServeTests {
    /// The reader has drawn its Archive screen.
    static func atArchive(_ s: [String]) -> Bool { s.first?.contains("1 Archive") == true && s.last?.contains("1/") == true }

    /// ssh has ended in the pane, with this status if given.
    static func sshEnded(_ status: String = "") -> ([String]) -> Bool { { $0.contains { $0.hasPrefix("SSH-EXIT=" + status) } } }

    @Test func aVisitorReadsSearchesFollowsLinksAndResizes() throws {
        let t = try TmuxPane(cols: 100, rows: 30)
        defer { t.close() }
        let server = try ServeHarness(stateHome: t.home.path("state"))
        // The owner reads first, and leaves a post open and bookmarked: a reading state file.
        try t.startReader(store: server.store)
        try t.openSeedPost()
        t.send("m")
        try t.waitFor("the bookmark") { $0.last!.contains("Bookmarked") }
        try t.quitReader()
        let stateDir = t.home.path("state/quire")
        let ownerFiles = try FileManager.default.contentsOfDirectory(atPath: stateDir)
        try #require(ownerFiles.count == 1)
        let ownerState = try Data(contentsOf: URL(fileURLWithPath: "\(stateDir)/\(ownerFiles[0])"))

        try server.start()
        // Agent forwarding asked for: nothing of it may reach the reader.
        t.shell("clear; " + server.sshLine(extra: ["-A"]))
        // A guest starts on the Archive, not where the owner left off.
        try t.waitFor("the Archive over ssh", Self.atArchive)

        // The reader: a session leader on its own terminal, with an environment made from
        // nothing but the terminal type and a UTF-8 locale, and the limits applied.
        let reader = try #require(server.readers().first)
        let environ = try String(contentsOfFile: "/proc/\(reader)/environ", encoding: .utf8).split(separator: "\0").map(String.init)
        #expect(Set(environ.map { String($0.prefix { $0 != "=" }) }) == ["TERM", "LANG", "PATH", "HOME"], "\(environ)")
        #expect(environ.contains("TERM=screen") && environ.contains("LANG=C.UTF-8"))
        let stat = try String(contentsOfFile: "/proc/\(reader)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: try #require(stat.lastIndex(of: ")")))...].split(separator: " ")
        #expect(fields[3] == "\(reader)", "the reader leads a session of its own")
        #expect(fields[4] != "0", "the reader has a controlling terminal")
        #expect(fields[16] == "5", "nice value")
        let limits = try String(contentsOfFile: "/proc/\(reader)/limits", encoding: .utf8).split(separator: "\n")
        #expect(limits.contains { $0.hasPrefix("Max address space") && $0.contains("1073741824") })
        #expect(limits.contains { $0.hasPrefix("Max core file size") && $0.split(separator: " ").contains("0") })

        // Search.
        t.send("/")
        t.type("interceptors")
        try t.waitFor("the hits") { $0[1].contains("Search: interceptors") && $0[2].contains("result") }
        // Into the results (Escape), and only then on: an Escape followed at once by another
        // key would be read as Alt and that key.
        t.send("Escape")
        try t.waitFor("the results' position") { $0.last!.contains("1/") }
        t.send("1")
        try t.waitFor("the Archive", Self.atArchive)

        // Open a post, follow a reference in a note, come back.
        try t.openSeedPost()
        try t.scroll(untilShown: "[1] Please read my post")
        t.send("Tab", "Tab", "Enter")
        try t.waitFor("the referenced post") { $0[0].contains("Why Does Russia Object to NMD in the EU?") }
        t.send("BSpace")
        try t.waitFor("the post again") { $0[0].contains("Missile Defense Talks With Russia Fail") }

        // A resize of the tmux window goes through ssh to the reader, which lays out again: the
        // status bar's right end is at the new right edge (a reader that missed it would be cut).
        try t.resize(cols: 60, rows: 20)
        let small = try t.waitFor("the layout at 60x20") {
            $0.count == 20 && $0[0].contains("Missile") && $0[19].hasSuffix("%") && terminalWidth($0[19]) <= 60
        }
        #expect(small.allSatisfy { terminalWidth($0) <= 60 })
        try t.resize(cols: 100, rows: 30)
        try t.waitFor("the layout at 100x30") { $0.count == 30 && terminalWidth($0[29]) > 60 && $0[29].hasSuffix("%") }

        // o shows the address of a link out and starts nothing, even with BROWSER set for the server.
        t.send("q", "/", "C-u")
        t.type("page")
        try t.waitFor(text: "Links Out")
        t.send("Enter")
        try t.waitFor("the post that links out") { $0[0].contains("Links Out") }
        t.send("L")
        try t.waitFor(text: "https://example.com/x")
        t.send("o")
        try t.waitFor("the address") { $0.last!.contains("example.com — no browser is started here; copy the address: https://example.com/x") }
        t.send("y", "Enter")
        try t.waitFor(text: "Links Out")
        #expect(!FileManager.default.fileExists(atPath: server.browserMarker), "a browser was started")
        #expect(server.readers().allSatisfy { ((try? run("/usr/bin/pgrep", ["-P", "\($0)"]).stdout) ?? "x").isEmpty },
                "the reader started a program")

        t.send("Q")
        try t.waitFor("ssh to end", Self.sshEnded("0"))
        let line = try server.waitForLog("user=\"guest\"")
        #expect(line.contains("auth=none") && line.contains("sessions=1") && line.contains("127.0.0.1:"))
        #expect(server.stop()?.status == 0)

        // Nothing of the guest's reading reached the owner's state, or anywhere else in it.
        let after = try FileManager.default.contentsOfDirectory(atPath: stateDir).sorted()
        #expect(after == [ownerFiles[0], "ssh_host_ed25519_key"].sorted())
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(stateDir)/\(ownerFiles[0])")) == ownerState)
        server.expectStoreUnchanged()
    }

    @Test func everythingButAnInteractiveSessionIsRefused() throws {
        let server = try ServeHarness()
        try server.start()
        let target = try LoopbackSocket.listener()

        let exec = try server.ssh([], command: ["id"])
        #expect(exec.status != 0)
        #expect(!exec.output.contains("uid="), "\(exec.output)")
        try server.waitForLog("notes=exec-refused")

        // Local forwarding, as -L or -W opens it: the target is never connected to.
        let local = try server.ssh(["-W", "127.0.0.1:\(target.port)"])
        #expect(local.status != 0)
        try server.waitForLog("forward-refused")

        let remote = try server.ssh(["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:\(target.port)"])
        #expect(remote.status != 0)
        #expect(remote.output.contains("forwarding failed"), "\(remote.output)")
        try server.waitForLog("remote-forward-refused")

        let sftp = try server.ssh(["-s"], command: ["sftp"])
        #expect(sftp.status != 0)
        try server.waitForLog("subsystem-refused")

        // A session without a terminal is told to ask for one.
        let noPty = try server.ssh(["-T"])
        #expect(noPty.status == 1)
        #expect(noPty.output.contains("the reader needs a terminal"))

        // Environment beyond TERM, LANG and LC_* is refused (the session itself goes on).
        let env = try server.ssh(["-T", "-o", "SetEnv=LD_PRELOAD=/tmp/x.so"])
        #expect(env.status == 1)
        try server.waitForLog("env-refused")

        #expect(!target.hasPendingConnection, "a forwarded connection reached the target")
        #expect(server.readers().isEmpty)
        #expect(server.stop()?.status == 0)
        server.expectStoreUnchanged()
    }

    /// With --max-sessions 2 the third client is turned away: the same code path as the 201st
    /// client with the default of 200.
    @Test func aFullServerSaysSoInOneLine() throws {
        let server = try ServeHarness()
        try server.start(["--max-sessions", "2"])
        let panes = try (0..<2).map { _ in try TmuxPane(cols: 80, rows: 24) }
        defer { panes.forEach { $0.close() } }
        for pane in panes {
            pane.shell("clear; " + server.sshLine())
            try pane.waitFor("the Archive over ssh", Self.atArchive)
        }
        let third = try server.ssh(["-tt"])
        #expect(third.status == 1)
        #expect(third.output.contains("quire serve: the server is full (2 reading sessions at once)"), "\(third.output)")
        try server.waitForLog("notes=full")
        // Once a reader leaves, a new one gets in.
        panes[0].send("Q")
        try panes[0].waitFor("ssh to end", Self.sshEnded("0"))
        panes[0].shell("clear; " + server.sshLine())
        try panes[0].waitFor("the Archive over ssh", Self.atArchive)
        #expect(server.stop()?.status == 0)
        server.expectStoreUnchanged()
    }

    @Test func aSilentClientIsDroppedAfterTheHandshakeTimeout() throws {
        let server = try ServeHarness()
        try server.start(["--handshake-timeout", "1s"])
        let started = Date()
        let client = try LoopbackSocket.connect(port: server.port)
        let received = try #require(client.readToEnd(timeout: TmuxPane.timeout), "the server kept a silent client")
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.9, "dropped after \(elapsed) s, before the timeout")
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("SSH-2.0-"))
        let line = try server.waitForLog("handshake-timeout")
        #expect(line.contains("user=\"-\"") && line.contains("end=\"timeout\""))
        #expect(server.stop()?.status == 0)
    }

    @Test func killingOneReaderEndsOnlyItsSession() throws {
        let server = try ServeHarness()
        try server.start()
        let panes = try (0..<2).map { _ in try TmuxPane(cols: 80, rows: 24) }
        defer { panes.forEach { $0.close() } }
        for pane in panes {
            pane.shell("clear; " + server.sshLine())
            try pane.waitFor("the Archive over ssh", Self.atArchive)
        }
        let readers = server.readers()
        try #require(readers.count == 2)
        kill(readers[0], SIGKILL)
        // One session ends (ssh reports the reader's end as 128 + 9), the other reads on.
        try waitUntil("one session to end") { panes.contains { Self.sshEnded("137")($0.capture()) } }
        let killed = try #require(panes.first { Self.sshEnded("137")($0.capture()) })
        let survivor = try #require(panes.first { !Self.sshEnded()($0.capture()) })
        // The server put the killed reader's terminal back in order and said what happened.
        let screen = killed.capture()
        #expect(screen.contains { $0.contains("quire serve: the reader stopped unexpectedly (signal 9)") })
        #expect(!screen.contains { $0.contains("1 Archive") }, "the killed reader's screen was left")
        survivor.send("2")
        try survivor.waitFor(text: "labels, by")
        #expect(server.readers() == [readers[1]])
        #expect(server.stop()?.status == 0)
        server.expectStoreUnchanged()
    }

    @Test func sigtermEndsSessionsWithAWordAndStops() throws {
        let server = try ServeHarness()
        try server.start()
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        t.shell("clear; " + server.sshLine())
        try t.waitFor("the Archive over ssh", Self.atArchive)
        let stopping = Date()
        let end = try #require(server.stop())
        #expect(end.status == 0 && !end.timedOut)
        // "Within a few seconds", checked as a generous hang guard (it takes under 2 s here).
        let took = Date().timeIntervalSince(stopping)
        #expect(took < 8, "stopping took \(took) s")
        // The reader restored the screen before the farewell: no Archive left on it.
        let screen = try t.waitFor("ssh to end", Self.sshEnded())
        #expect(screen.contains { $0.contains("quire serve: the server is shutting down; goodbye") })
        #expect(!screen.contains { $0.contains("1 Archive") })
        #expect(end.stderr.contains("notes=shutdown"))
        server.expectStoreUnchanged()
    }

    @Test func anIdleSessionIsClosed() throws {
        let server = try ServeHarness()
        try server.start(["--idle-timeout", "1s"])
        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        t.shell("clear; " + server.sshLine())
        try t.waitFor("the Archive over ssh", Self.atArchive)
        let screen = try t.waitFor("ssh to end", Self.sshEnded())
        #expect(screen.contains { $0.contains("quire serve: no key for 1 s; the session is closed") })
        try server.waitForLog("notes=idle")
        #expect(server.stop()?.status == 0)
    }

    @Test func sighupPublishesTheStoreALinkNowNames() throws {
        let server = try ServeHarness()
        // A second store with one post.
        let second = server.dir.path("second.sqlite")
        _ = try server.dir.write("one/only.md", "---\ntitle: \"Only Post\"\ndate: 2021-05-06\n---\nHello.\n")
        try #require(try quire(second, "import", server.dir.path("one")).status == 0)
        let link = server.dir.path("published.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: server.store)
        try server.start(store: link)
        try server.waitForLog("store \(server.store): 50 posts")

        let first = try TmuxPane(cols: 80, rows: 24)
        defer { first.close() }
        first.shell("clear; " + server.sshLine())
        try first.waitFor("the demo archive") { Self.atArchive($0) && $0.contains { $0.contains("2010") } }

        // Switch the link (a rename, so it is never missing), then SIGHUP.
        let next = link + ".new"
        try FileManager.default.createSymbolicLink(atPath: next, withDestinationPath: second)
        #expect(rename(next, link) == 0)
        kill(server.pid, SIGHUP)
        try server.waitForLog("SIGHUP: store \(second): 1 post")

        let later = try TmuxPane(cols: 80, rows: 24)
        defer { later.close() }
        later.shell("clear; " + server.sshLine())
        try later.waitFor("the second store") {
            $0.first?.contains("1 Archive") == true && $0.contains { $0.contains("2021") } && !$0.contains { $0.contains("2010") }
        }
        // The session already open keeps its store: the demo archive's labels.
        first.send("2")
        try first.waitFor("the demo's labels") { $0.contains { $0.contains("labels, by") } && $0.contains { $0.contains("russia") } }
        #expect(server.stop()?.status == 0)
        server.expectStoreUnchanged()
    }

    @Test func authorizedKeysLetInOnlyTheirHoldersAndTheFingerprintIsOpenSSHs() throws {
        let server = try ServeHarness()
        let alice = server.dir.path("alice"), mallory = server.dir.path("mallory")
        for key in [alice, mallory] {
            try #require(try run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]).status == 0)
        }
        let authorized = server.dir.path("authorized_keys")
        try FileManager.default.copyItem(atPath: alice + ".pub", toPath: authorized)
        try server.start(["--authorized-keys", authorized])
        #expect(server.log().contains("private: 1 authorized keys"))

        let denied = try server.ssh(["-tt", "-i", mallory, "-o", "IdentitiesOnly=yes"])
        #expect(denied.status == 255)
        #expect(denied.output.contains("Permission denied"), "\(denied.output)")

        let t = try TmuxPane(cols: 80, rows: 24)
        defer { t.close() }
        t.shell("clear; " + server.sshLine(extra: ["-i", alice, "-o", "IdentitiesOnly=yes"]))
        try t.waitFor("the Archive over ssh", Self.atArchive)
        t.send("Q")
        try t.waitFor("ssh to end", Self.sshEnded("0"))

        // The fingerprint printed at the start is the one ssh-keygen computes from the key file.
        let key = server.stateHome + "/quire/ssh_host_ed25519_key"
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let keygen = try run("/usr/bin/ssh-keygen", ["-l", "-f", key]).stdout
        let fingerprint = try #require(keygen.split(separator: " ").dropFirst().first.map(String.init))
        #expect(server.log().contains("(new): \(fingerprint)"))
        #expect(server.stop()?.status == 0)
        server.expectStoreUnchanged()
    }

    @Test func badFlagsAndAMissingStoreAreClearErrors() throws {
        let dir = try TempDir()
        let cases: [([String], String)] = [
            (["--listen", "somewhere"], "--listen somewhere: expected HOST:PORT"),
            (["--idle-timeout", "0"], "--idle-timeout 0: expected a duration"),
            (["--max-sessions", "0"], "--max-sessions 0: expected a number above 0"),
            (["--session-memory", "10K"], "--session-memory 10K: expected 0 (no limit) or a size of at least 64M"),
            (["--session-nice", "30"], "--session-nice 30: expected 0 to 19"),
        ]
        for (args, message) in cases {
            let r = try run(quireBinary, ["serve", "--store", dir.path("none.sqlite")] + args)
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
        let keys = try dir.write("keys", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ someone\n")
        let noKey = try run(quireBinary, ["serve", "--store", dir.path("none.sqlite"), "--authorized-keys", keys])
        #expect(noKey.status != 0)
        #expect(noKey.stderr.contains("\(keys):1: ssh-rsa keys are not supported"))
        #expect(noKey.stderr.contains("nobody could log in"))

        let guest = try run(quireBinary, ["read", "--guest", "--store", dir.path("missing.sqlite")])
        #expect(guest.status == 1)
        #expect(guest.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("missing.sqlite")), "a guest created a store")
    }
}
