import Foundation
import Testing

/// A full disk during an import. The store lives on a small tmpfs (mounting one
/// needs root and a kernel that lets this process mount; otherwise the suite is skipped and
/// says why). An import that runs out of space fails with a clear message, exit status 1, and
/// leaves the store exactly as it was and intact; reading still works; once there is room the
/// same import succeeds.
@Suite(.serialized, .enabled(if: SmallDisk.available, "needs root and permission to mount a tmpfs (mount -t tmpfs -o size=3m)"))
struct FullDiskTests {
    @Test func anImportThatFillsTheDiskRollsBack() throws {
        let disk = try SmallDisk(megabytes: 3)
        defer { disk.unmount() }
        let store = disk.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try Snapshot(store)

        let r = try quire(store, "import", GeneratedArchive.forDisk.folder)
        #expect(r.status == 1, "the import did not fail: \(r.stdout)")
        #expect(r.stderr.contains("disk is full") && r.stderr.contains("nothing was imported"), "\(r.stderr)")
        #expect(try Snapshot(store) == before)
        #expect(try integrity(store) == "ok")
        #expect(try quire(store, "search", "missile defense").stdout.contains("Missile Defense Talks"))

        // With room again, the same import goes through.
        try disk.resize(megabytes: 40)
        let again = try quire(store, "import", GeneratedArchive.forDisk.folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("imported \(GeneratedArchive.forDisk.posts),"))
        #expect(try integrity(store) == "ok")
    }

    @Test func aDiskAlreadyFullStillReadsAndRefusesCleanly() throws {
        let disk = try SmallDisk(megabytes: 3)
        defer { disk.unmount() }
        let store = disk.path("s.sqlite")
        try #require(try quire(store, "import", dataFolder).status == 0)
        let before = try Snapshot(store)
        try disk.fill()

        // Reading needs no room.
        let listed = try quire(store, "list", "--limit", "3")
        #expect(listed.status == 0 && listed.stdout.contains("Taking a Break"), "\(listed.stderr)")
        let r = try quire(store, "import", GeneratedArchive.forDisk.folder)
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stderr.contains("disk is full"), "\(r.stderr)")
        #expect(try Snapshot(store) == before)
        #expect(try integrity(store) == "ok")
    }
}

/// A tmpfs of a few megabytes, mounted on a temporary folder.
final class SmallDisk {
    let dir: TempDir
    private var mounted = false

    /// Whether this process may mount one: tried once.
    static let available: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/mount") || FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        guard let disk = try? SmallDisk(megabytes: 1) else { return false }
        disk.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        dir = try TempDir()
        let made = try run(Self.mount, ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", dir.url.path])
        guard made.status == 0 else { throw TestFailure("mount failed: \(made.stderr)") }
        mounted = true
    }

    static let mount = FileManager.default.isExecutableFile(atPath: "/usr/bin/mount") ? "/usr/bin/mount" : "/bin/mount"
    static let umount = FileManager.default.isExecutableFile(atPath: "/usr/bin/umount") ? "/usr/bin/umount" : "/bin/umount"

    func path(_ name: String) -> String { dir.path(name) }

    func resize(megabytes: Int) throws {
        let remounted = try run(Self.mount, ["-o", "remount,size=\(megabytes)m", dir.url.path])
        guard remounted.status == 0 else { throw TestFailure("remount failed: \(remounted.stderr)") }
    }

    /// Writes a file until the disk has no room left.
    func fill() throws {
        let fd = open(path("filler"), O_WRONLY | O_CREAT, 0o644)
        guard fd >= 0 else { throw TestFailure("cannot create the filler") }
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 {}
    }

    func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? run(Self.umount, [dir.url.path])
    }

    deinit { unmount() }
}
