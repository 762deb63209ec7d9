import Foundation
import Testing

/// `quire serve` end to end: the real server, the real OpenSSH client (in tmux where a
/// terminal is needed), a store of its own per test and temporary XDG folders.
@Suite(.enabled(if: ServeHarness.available, "needs tmux, OpenSSH's ssh and the quire binary"))
struct ServeTests {
    /// The reader has drawn its Archive screen.
    static func atArchive(_ s: [String]) -> Bool { s.first?.contains("1 Archive") == true && s.last?.contains("1/") == true }

    @Test func aVisitorReadsSearchesFollowsLinksAndResizes() throws {
        let t = try TUI.Pane(cols: 100, rows: 30)
        defer { t.close() }
        let server = try ServeHarness(stateHome: t.home.appendingPathComponent("state").path)
        // The owner reads first, and leaves a post open and bookmarked: a reading state file.
        try t.shell("clear; \(TUI.quoted(TUI.binary)) --store \(TUI.quoted(server.store))")
        try t.waitFor(Self.atArchive)
        try t.openSeedPost()
        try t.keys("m")
        try t.waitFor { $0.last!.contains("Bookmarked") }
        try t.keys("Q")
        try t.waitFor { $0.last { !$0.isEmpty } == "$" }
        let stateDir = t.home.appendingPathComponent("state/quire").path
        let ownerFiles = try FileManager.default.contentsOfDirectory(atPath: stateDir)
        try #require(ownerFiles.count == 1)
        let ownerState = try Data(contentsOf: URL(fileURLWithPath: "\(stateDir)/\(ownerFiles[0])"))

        try server.start()
        // Agent forwarding asked for: nothing of it may reach the reader.
        try t.shell("clear; " + server.sshLine(extra: ["-A"]))
        // A guest starts on the Archive, not where the owner left off.
        try t.waitFor(Self.atArchive)

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
        let limits = try String(contentsOfFile: "/proc/\(reader)/limits", encoding: .utf8)
        #expect(limits.split(separator: "\n").contains { $0.hasPrefix("Max address space") && $0.contains("1073741824") })
        #expect(limits.split(separator: "\n").contains { $0.hasPrefix("Max core file size") && $0.split(separator: " ").contains("0") })

        // Search, open a hit, follow a reference and come back.
        try t.keys("/")
        try t.type("interceptors")
        try t.waitFor { $0[1].contains("Search: interceptors") && $0[2].contains("result") }
        try t.keys("Escape")
        try t.keys("1")
        try t.waitFor(Self.atArchive)
        try t.openSeedPost()
        try t.scroll(untilShown: "[1] Please read my post")
        try t.keys("Tab", "Tab", "Enter")
        try t.waitFor { $0[0].contains("Why Does Russia Object to NMD in the EU?") }
        try t.keys("BSpace")
        try t.waitFor { $0[0].contains("Missile Defense Talks With Russia Fail") }

        // A resize of the tmux window goes through ssh to the reader, which lays out again: the
        // status bar's right end is at the new right edge (a reader that missed it would be cut).
        try t.resize(cols: 60, rows: 20)
        let small = try t.waitFor { $0.count == 20 && $0[0].contains("Missile") && $0[19].hasSuffix("%") && TUI.width($0[19]) <= 60 }
        #expect(small.allSatisfy { TUI.width($0) <= 60 })
        try t.resize(cols: 100, rows: 30)
        try t.waitFor { $0.count == 30 && TUI.width($0[29]) > 60 && $0[29].hasSuffix("%") }

        // o shows the address of a link out and starts nothing, even with BROWSER set for the server.
        try t.keys("q", "/")
        try t.keys("C-u")
        try t.type("page")
        try t.waitFor { $0.contains { $0.contains("Links Out") } }
        try t.keys("Enter")
        try t.waitFor { $0[0].contains("Links Out") }
        try t.keys("L")
        try t.waitFor { $0.contains { $0.contains("https://example.com/x") } }
        try t.keys("o")
        try t.waitFor { $0.last!.contains("Link: https://example.com/x (no browser is started here") }
        try t.keys("y", "Enter")
        usleep(300_000)
        #expect(!FileManager.default.fileExists(atPath: server.browserMarker), "a browser was started")
        #expect(server.readers().allSatisfy { TUI.run("/usr/bin/pgrep", ["-P", "\($0)"]).1.isEmpty }, "the reader started a program")

        try t.keys("Q")
        try t.waitFor { $0.contains("SSH-EXIT=0") }
        let line = try server.waitForLog("user=\"guest\"")
        #expect(line.contains("auth=none") && line.contains("sessions=1") && line.contains("127.0.0.1:"))
        #expect(try #require(server.stop()) == 0)

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

        let exec = server.ssh([], command: ["id"])
        #expect(exec.status != 0)
        #expect(!exec.output.contains("uid="), "\(exec.output)")
        try server.waitForLog("notes=exec-refused")

        // Local forwarding, as -L or -W opens it: the target is never connected to.
        let local = server.ssh(["-W", "127.0.0.1:\(target.port)"])
        #expect(local.status != 0)
        try server.waitForLog("forward-refused")

        let remote = server.ssh(["-N", "-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:\(target.port)"])
        #expect(remote.status != 0)
        #expect(remote.output.contains("forwarding failed"), "\(remote.output)")
        try server.waitForLog("remote-forward-refused")

        let sftp = server.ssh(["-s"], command: ["sftp"])
        #expect(sftp.status != 0)
        try server.waitForLog("subsystem-refused")

        // A session without a terminal is told to ask for one.
        let noPty = server.ssh(["-T"])
        #expect(noPty.status == 1)
        #expect(noPty.output.contains("the reader needs a terminal"))

        // Environment beyond TERM, LANG and LC_* is refused (the session itself goes on).
        let env = server.ssh(["-T", "-o", "SetEnv=LD_PRELOAD=/tmp/x.so"])
        #expect(env.status == 1)
        try server.waitForLog("env-refused")

        #expect(!target.hasPendingConnection, "a forwarded connection reached the target")
        #expect(server.readers().isEmpty)
        #expect(server.stop() == 0)
        server.expectStoreUnchanged()
    }

    /// With --max-sessions 2 the third client is turned away: the same code path as the 201st
    /// client with the default of 200.
    @Test func aFullServerSaysSoInOneLine() throws {
        let server = try ServeHarness()
        try server.start(["--max-sessions", "2"])
        let panes = try (0..<2).map { _ in try TUI.Pane(cols: 80, rows: 24) }
        defer { panes.forEach { $0.close() } }
        for pane in panes {
            try pane.shell("clear; " + server.sshLine())
            try pane.waitFor(Self.atArchive)
        }
        let started = Date()
        let third = server.ssh(["-tt"])
        #expect(third.status == 1)
        #expect(third.output.contains("quire serve: the server is full (2 reading sessions at once)"), "\(third.output)")
        // A generous hang guard, not a timing: the answer comes in well under a second.
        #expect(Date().timeIntervalSince(started) < 15, "the full server kept the client waiting")
        try server.waitForLog("notes=full")
        // Once a reader leaves, a new one gets in.
        try panes[0].keys("Q")
        try panes[0].waitFor { $0.contains("SSH-EXIT=0") }
        try panes[0].shell("clear; " + server.sshLine())
        try panes[0].waitFor(Self.atArchive)
        #expect(server.stop() == 0)
        server.expectStoreUnchanged()
    }

    @Test func aSilentClientIsDroppedAfterTheHandshakeTimeout() throws {
        let server = try ServeHarness()
        try server.start(["--handshake-timeout", "1s"])
        let started = Date()
        let client = try LoopbackSocket.connect(port: server.port)
        // Generous hang guard; the server drops it after about one second.
        let received = try #require(client.readToEnd(timeout: 15), "the server kept a silent client")
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.9, "dropped after \(elapsed) s, before the timeout")
        #expect(String(decoding: received, as: UTF8.self).hasPrefix("SSH-2.0-"))
        let line = try server.waitForLog("handshake-timeout")
        #expect(line.contains("user=\"-\"") && line.contains("end=\"timeout\""))
        #expect(server.stop() == 0)
    }

    @Test func killingOneReaderEndsOnlyItsSession() throws {
        let server = try ServeHarness()
        try server.start()
        let panes = try (0..<2).map { _ in try TUI.Pane(cols: 80, rows: 24) }
        defer { panes.forEach { $0.close() } }
        for pane in panes {
            try pane.shell("clear; " + server.sshLine())
            try pane.waitFor(Self.atArchive)
        }
        let readers = server.readers()
        try #require(readers.count == 2)
        kill(readers[0], SIGKILL)
        // One session ends (ssh reports the reader's end as 128 + 9), the other reads on.
        let deadline = Date().addingTimeInterval(20)
        var ended: [Bool] = []
        while Date() < deadline {
            ended = panes.map { $0.capture().contains { $0.hasPrefix("SSH-EXIT=137") } }
            if ended.contains(true) { break }
            usleep(50_000)
        }
        #expect(ended.filter { $0 }.count == 1)
        let survivor = try #require(panes.first { !$0.capture().contains { $0.hasPrefix("SSH-EXIT=") } })
        // The server put the killed reader's terminal back in order and said what happened.
        let killed = try #require(panes.first { $0.capture().contains { $0.hasPrefix("SSH-EXIT=137") } })
        #expect(killed.capture().contains { $0.contains("quire serve: the reader stopped unexpectedly (signal 9)") })
        #expect(!killed.capture().contains { $0.contains("1 Archive") }, "the killed reader's screen was left")
        try survivor.keys("2")
        try survivor.waitFor { $0.contains { $0.contains("labels, by") } }
        #expect(server.readers() == [readers[1]])
        #expect(server.stop() == 0)
        server.expectStoreUnchanged()
    }

    @Test func sigtermEndsSessionsWithAWordAndStops() throws {
        let server = try ServeHarness()
        try server.start()
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.shell("clear; " + server.sshLine())
        try t.waitFor(Self.atArchive)
        let started = Date()
        let status = server.stop()
        #expect(status == 0)
        // "Within a few seconds", checked as a generous hang guard (it takes under 2 s here).
        #expect(Date().timeIntervalSince(started) < 8, "stopping took \(Date().timeIntervalSince(started)) s")
        // The reader restored the screen before the farewell: no Archive left on it.
        let screen = try t.waitFor { $0.contains { $0.hasPrefix("SSH-EXIT=") } }
        #expect(screen.contains { $0.contains("quire serve: the server is shutting down; goodbye") })
        #expect(!screen.contains { $0.contains("1 Archive") })
        #expect(server.log().contains("notes=shutdown"))
        server.expectStoreUnchanged()
    }

    @Test func anIdleSessionIsClosed() throws {
        let server = try ServeHarness()
        try server.start(["--idle-timeout", "1s"])
        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.shell("clear; " + server.sshLine())
        try t.waitFor(Self.atArchive)
        let screen = try t.waitFor { $0.contains { $0.hasPrefix("SSH-EXIT=") } }
        #expect(screen.contains { $0.contains("quire serve: no key for 1 s; the session is closed") })
        try server.waitForLog("notes=idle")
        #expect(server.stop() == 0)
    }

    @Test func sighupPublishesTheStoreALinkNowNames() throws {
        let server = try ServeHarness()
        // A second store with only the post that links out.
        let second = server.dir.appendingPathComponent("second.sqlite").path
        let posts = server.dir.appendingPathComponent("one")
        try FileManager.default.createDirectory(at: posts, withIntermediateDirectories: true)
        try Data("---\ntitle: \"Only Post\"\ndate: 2021-05-06\n---\nHello.\n".utf8).write(to: posts.appendingPathComponent("only.md"))
        try #require(TUI.run(TUI.binary, ["--store", second, "import", posts.path]).0 == 0)
        let link = server.dir.appendingPathComponent("published.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: server.store)
        try server.start(store: link)
        try server.waitForLog("store \(server.store): 50 posts")

        let first = try TUI.Pane(cols: 80, rows: 24)
        defer { first.close() }
        try first.shell("clear; " + server.sshLine())
        try first.waitFor { Self.atArchive($0) && $0.contains { $0.contains("2010") } }

        // Switch the link (a rename, so it is never missing), then SIGHUP.
        let next = link + ".new"
        try FileManager.default.createSymbolicLink(atPath: next, withDestinationPath: second)
        #expect(rename(next, link) == 0)
        kill(server.pid, SIGHUP)
        try server.waitForLog("SIGHUP: store \(second): 1 post")

        let later = try TUI.Pane(cols: 80, rows: 24)
        defer { later.close() }
        try later.shell("clear; " + server.sshLine())
        try later.waitFor { $0.first?.contains("1 Archive") == true && $0.contains { $0.contains("2021") } && !$0.contains { $0.contains("2010") } }
        // The session already open keeps its store: the demo archive's labels.
        try first.keys("2")
        try first.waitFor { $0.contains { $0.contains("labels, by") } && $0.contains { $0.contains("russia") } }
        #expect(server.stop() == 0)
        server.expectStoreUnchanged()
    }

    @Test func authorizedKeysLetInOnlyTheirHoldersAndTheFingerprintIsOpenSSHs() throws {
        let server = try ServeHarness()
        let alice = server.dir.appendingPathComponent("alice").path
        let mallory = server.dir.appendingPathComponent("mallory").path
        for key in [alice, mallory] {
            try #require(TUI.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key]).0 == 0)
        }
        let authorized = server.dir.appendingPathComponent("authorized_keys")
        try FileManager.default.copyItem(atPath: alice + ".pub", toPath: authorized.path)
        try server.start(["--authorized-keys", authorized.path])
        #expect(server.log().contains("private: 1 authorized keys"))

        let denied = server.ssh(["-tt", "-i", mallory, "-o", "IdentitiesOnly=yes"])
        #expect(denied.status == 255)
        #expect(denied.output.contains("Permission denied"), "\(denied.output)")

        let t = try TUI.Pane(cols: 80, rows: 24)
        defer { t.close() }
        try t.shell("clear; " + server.sshLine(extra: ["-i", alice, "-o", "IdentitiesOnly=yes"]))
        try t.waitFor(Self.atArchive)
        try t.keys("Q")
        try t.waitFor { $0.contains("SSH-EXIT=0") }

        // The fingerprint printed at the start is the one ssh-keygen computes from the key file.
        let key = server.stateHome + "/quire/ssh_host_ed25519_key"
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (_, keygen) = TUI.run("/usr/bin/ssh-keygen", ["-l", "-f", key])
        let fingerprint = try #require(keygen.split(separator: " ").dropFirst().first.map(String.init))
        #expect(server.log().contains("(new): \(fingerprint)"))
        #expect(server.stop() == 0)
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
