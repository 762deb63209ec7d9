#!/usr/bin/env python3
"""`make bench-serve`: many SSH readers of `quire serve` at once, over loopback.

Starts `quire serve` on a store (a generated blog, or the demo archive), then for each N in
--sessions opens N SSH sessions with asyncssh (a client library that is not the server's own),
each with a pty, and has every session read at a human pace: search as you type, open a hit,
scroll, follow a link, step to the next post, go back, return to the archive. For every
keypress it records the time until the first byte of the redraw reaches the client, and until
the redraw's last byte (no more output for 30 ms). It reports those as p50/p99, the sessions
that failed, the RSS of the server and of each reader, and CPU use. The store's SHA-256 is
taken before and after: it must not change.

Prints figures; asserts nothing about time.
"""
import argparse
import asyncio
import hashlib
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import asyncssh

DOWN, UP, ENTER, TAB, BACKSPACE, CTRL_U = "\x1b[B", "\x1b[A", "\r", "\t", "\x7f", "\x15"
TYPING = (0.12, 0.30)     # seconds between letters typed into the search field
READING = (0.5, 1.5)      # seconds before any other key
QUIET = 0.030             # a redraw has ended when nothing more comes for this long
NO_REDRAW = 2.0           # a key that draws nothing within this long is counted, not timed


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * (len(s) - 1)))))
    return s[k]


class Reader(asyncssh.SSHClientSession):
    """One session's screen output, with the time of each chunk."""

    def __init__(self):
        self.chunks = []            # (time, bytes)
        self.arrived = asyncio.Event()
        self.closed = False
        self.text = ""

    def data_received(self, data, datatype):
        self.chunks.append((time.perf_counter(), len(data)))
        if len(self.text) < 20000:
            self.text += data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        self.arrived.set()

    def connection_lost(self, exc):
        self.closed = True
        self.arrived.set()


async def wait_redraw(reader, since_index, sent):
    """Seconds from `sent` to the first and the last byte of the redraw, or None."""
    deadline = sent + NO_REDRAW
    while len(reader.chunks) <= since_index:
        if reader.closed:
            return None
        reader.arrived.clear()
        if len(reader.chunks) > since_index:
            break
        left = deadline - time.perf_counter()
        if left <= 0:
            return None
        try:
            await asyncio.wait_for(reader.arrived.wait(), left)
        except asyncio.TimeoutError:
            return None
    first = reader.chunks[since_index][0]
    # The redraw goes on while chunks keep coming less than QUIET apart.
    while True:
        last = reader.chunks[-1][0]
        await asyncio.sleep(QUIET)
        if reader.chunks[-1][0] == last:
            return first - sent, last - sent


def cycle(words, rng):
    """One round of reading, as (key, pause before it) pairs, from the Archive back to it.

    Built so that a step that finds nothing (a post without links) cannot derail the rest: the
    post is left with Backspace, which goes back and finally closes it, never with q, which
    quits from a top screen."""
    word = rng.choice(words)
    keys = [("3", READING), ("/", READING), (CTRL_U, TYPING)]
    keys += [(c, TYPING) for c in word]
    keys += [(DOWN, READING), (DOWN, TYPING), (ENTER, READING), ("j", READING), ("j", TYPING), ("j", TYPING),
             (TAB, READING), (ENTER, READING), ("]", READING)]
    keys += [(BACKSPACE, READING)] * 4
    keys += [("1", READING), (DOWN, READING), (DOWN, TYPING), (UP, READING), (UP, TYPING)]
    return keys


async def session(index, port, words, start_delay, until, results, seed):
    rng = random.Random(seed * 1000 + index)
    await asyncio.sleep(start_delay)
    record = {"latency": [], "full": [], "keys": 0, "silent": 0, "failed": None}
    results.append(record)
    try:
        conn = await asyncssh.connect("127.0.0.1", port=port, username=f"bench{index}", known_hosts=None,
                                      client_keys=None, agent_path=None, password=None, preferred_auth="none")
    except Exception as e:  # a session that cannot connect is a failed session
        record["failed"] = f"connect: {e}"
        return
    try:
        chan, reader = await conn.create_session(Reader, term_type="xterm-256color", term_size=(100, 30),
                                                 encoding=None)
        start = time.perf_counter()
        while "Archive" not in reader.text:
            if reader.closed or time.perf_counter() - start > 30:
                record["failed"] = "no Archive screen: " + reader.text[-200:].replace("\x1b", "^[")
                return
            reader.arrived.clear()
            try:
                await asyncio.wait_for(reader.arrived.wait(), 1)
            except asyncio.TimeoutError:
                pass
        record["ready"] = time.perf_counter()
        await asyncio.sleep(0.5)
        while time.perf_counter() < until:
            for key, pause in cycle(words, rng):
                await asyncio.sleep(rng.uniform(*pause))
                if time.perf_counter() >= until:
                    break
                if reader.closed:
                    record["failed"] = "closed by the server: " + reader.text[-200:].replace("\x1b", "^[")
                    return
                mark = len(reader.chunks)
                sent = time.perf_counter()
                chan.write(key.encode())
                timing = await wait_redraw(reader, mark, sent)
                record["keys"] += 1
                if timing is None:
                    record["silent"] += 1
                    record.setdefault("silent_keys", {}).setdefault(repr(key), 0)
                    record["silent_keys"][repr(key)] += 1
                else:
                    record["latency"].append(timing[0])
                    record["full"].append(timing[1])
        chan.write(b"Q")
        await asyncio.sleep(0.5)
        chan.close()
    except Exception as e:
        record["failed"] = f"{type(e).__name__}: {e}"
    finally:
        conn.close()


def proc_stat(pid):
    """utime + stime in seconds, and the parent pid, of a process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks, int(fields[1])


def rss_kb(pid, field="VmRSS"):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if proc_stat(int(entry))[1] == pid:
                    out.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return out


def runqueue_wait(pids):
    """Seconds the processes spent runnable but waiting for a CPU (/proc/PID/schedstat)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/schedstat") as f:
                total += int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            pass
    return total / 1e9


def machine_busy():
    with open("/proc/stat") as f:
        parts = [int(x) for x in f.readline().split()[1:]]
    idle = parts[3] + parts[4]
    return sum(parts), idle


def cpu_of(pids):
    total = 0.0
    for pid in pids:
        try:
            total += proc_stat(pid)[0]
        except OSError:
            pass
    return total


async def run_round(n, port, server_pid, words, seconds, ramp, seed):
    results = []
    ramp_time = min(ramp, 0.025 * n)
    begin = time.perf_counter()
    until = begin + ramp_time + 3 + seconds
    tasks = [asyncio.create_task(session(i, port, words, ramp_time * i / max(1, n), until, results, seed))
             for i in range(n)]
    # The window measured: from when every session should be reading to the end.
    await asyncio.sleep(ramp_time + 3)
    readers = children(server_pid)
    cpu_server0, cpu_readers0 = cpu_of([server_pid]), cpu_of(readers)
    wait0 = runqueue_wait(readers + [server_pid])
    all0, idle0 = machine_busy()
    client0 = sum(os.times()[:2])
    t0 = time.perf_counter()
    await asyncio.sleep(max(0, until - time.perf_counter() - 1))
    readers = children(server_pid)
    window = time.perf_counter() - t0
    cpu_server1, cpu_readers1 = cpu_of([server_pid]), cpu_of(readers)
    wait1 = runqueue_wait(readers + [server_pid])
    all1, idle1 = machine_busy()
    client1 = sum(os.times()[:2])
    rss_server = rss_kb(server_pid)
    rss_readers = [rss_kb(p) for p in readers]
    pss_readers = [pss_kb(p) for p in readers]
    await asyncio.gather(*tasks)
    latency = [x for r in results for x in r["latency"]]
    full = [x for r in results for x in r["full"]]
    failed = [r["failed"] for r in results if r["failed"]]
    silent_keys = {}
    for r in results:
        for k, v in r.get("silent_keys", {}).items():
            silent_keys[k] = silent_keys.get(k, 0) + v
    return {
        "silent_keys": silent_keys,
        "n": n, "keys": sum(r["keys"] for r in results), "silent": sum(r["silent"] for r in results),
        "p50": percentile(latency, 50) * 1000, "p99": percentile(latency, 99) * 1000,
        "full50": percentile(full, 50) * 1000, "full99": percentile(full, 99) * 1000,
        "max": (max(latency) * 1000) if latency else float("nan"),
        "failed": failed, "readers": len(readers),
        "rss_server": rss_server / 1024, "rss_reader": (statistics.mean(rss_readers) / 1024) if rss_readers else 0,
        "pss_reader": (statistics.mean(pss_readers) / 1024) if pss_readers else 0,
        "rss_readers_total": sum(rss_readers) / 1024, "pss_readers_total": sum(pss_readers) / 1024,
        "cpu_server": (cpu_server1 - cpu_server0) / window * 100,
        "cpu_readers": (cpu_readers1 - cpu_readers0) / window * 100,
        "cpu_client": (client1 - client0) / window * 100,
        "machine": 100 * (1 - (idle1 - idle0) / max(1, all1 - all0)) * os.cpu_count(),
        "window": window,
        # Waiting for a CPU: milliseconds per second of the window, summed over the processes.
        "wait_per_second": (wait1 - wait0) / window * 1000,
    }


def corpus_words(folder, rng, count=40):
    words = set()
    files = []
    for root, _, names in os.walk(folder):
        files += [os.path.join(root, n) for n in names if n.endswith(".txt")]
    rng.shuffle(files)
    for path in files[:50]:
        with open(path, encoding="utf-8", errors="replace") as f:
            for w in re.findall(r"[a-z]{5,9}", f.read().lower()):
                words.add(w)
    return sorted(rng.sample(sorted(words), min(count, len(words))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quire", required=True)
    ap.add_argument("--quire-bench", help="generates the blog; without it the demo archive is served")
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--data", default="data")
    ap.add_argument("--sessions", default="1 50 200")
    ap.add_argument("--seconds", type=float, default=40)
    ap.add_argument("--ramp", type=float, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--serve-args", default="", help="more flags for quire serve (e.g. --session-nice 0)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="quire-bench-serve-")
    store = os.path.join(work, "archive.sqlite")
    try:
        if args.quire_bench:
            blog = os.path.join(work, "blog")
            subprocess.run([args.quire_bench, "generate", "--posts", str(args.posts), "--seed", str(args.seed), blog],
                           check=True, stdout=subprocess.DEVNULL)
            what = f"a generated blog of {args.posts} posts"
        else:
            blog = args.data
            what = "the demo archive"
        subprocess.run([args.quire, "--store", store, "import", blog], check=True, stdout=subprocess.DEVNULL)
        words = corpus_words(blog, rng)
        before = sha256(store)
        sizes = [int(x) for x in args.sessions.split()]
        env = dict(os.environ, XDG_STATE_HOME=os.path.join(work, "state"), XDG_CONFIG_HOME=os.path.join(work, "config"))
        log = open(os.path.join(work, "serve.log"), "w+")
        server = subprocess.Popen([args.quire, "serve", "--store", store, "--listen", "127.0.0.1:0",
                                   "--max-sessions", str(max(sizes) + 10), "--max-sessions-per-address", "100000",
                                   "--max-connections-per-minute", "100000"] + args.serve_args.split(),
                                  env=env, stderr=log)
        port = None
        for _ in range(200):
            time.sleep(0.05)
            log.seek(0)
            m = re.search(r"listening on 127\.0\.0\.1:(\d+)", log.read())
            if m:
                port = int(m.group(1))
                break
        if port is None:
            log.seek(0)
            sys.exit("quire serve did not start:\n" + log.read())
        print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              "(anything but this benchmark running on the machine shows in the machine CPU column)")
        print(f"quire serve on {what}; {os.cpu_count()} cores; each session reads for {args.seconds:.0f} s "
              f"after a ramp-up of at most {args.ramp:.0f} s; keys every {TYPING[0]}-{TYPING[1]} s while typing, "
              f"{READING[0]}-{READING[1]} s otherwise")
        rows = []
        for n in sizes:
            r = asyncio.run(run_round(n, port, server.pid, words, args.seconds, args.ramp, args.seed))
            rows.append(r)
            # Readers gone before the next round is measured.
            for _ in range(100):
                if not children(server.pid):
                    break
                time.sleep(0.1)
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        after = sha256(store)

        print()
        print("| sessions | keys | first byte p50 / p99 | whole redraw p50 / p99 | max | no redraw | failed "
              "| server RSS | per reader RSS (PSS) | all readers RSS (PSS) | CPU server / readers / client / machine "
              "| run-queue wait |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['n']} | {r['keys']} | {r['p50']:.1f} / {r['p99']:.1f} ms | {r['full50']:.1f} / {r['full99']:.1f} ms "
                  f"| {r['max']:.0f} ms | {r['silent']} | {len(r['failed'])} | {r['rss_server']:.0f} MB "
                  f"| {r['rss_reader']:.1f} MB ({r['pss_reader']:.1f}) | {r['rss_readers_total']:.0f} MB ({r['pss_readers_total']:.0f}) "
                  f"| {r['cpu_server']:.0f} % / {r['cpu_readers']:.0f} % / {r['cpu_client']:.0f} % / {r['machine']:.0f} % "
                  f"| {r['wait_per_second']:.0f} ms/s |")
        if os.environ.get("BENCH_SERVE_DEBUG"):
            for r in rows:
                print("keys with no redraw:", r.get("silent_keys"))
        for r in rows:
            for f in r["failed"][:5]:
                print(f"failed ({r['n']} sessions): {f}")
        print()
        print("CPU is %% of one core, over the measured window (the machine has %d cores: %d %% is all of it)."
              % (os.cpu_count(), 100 * os.cpu_count()))
        print("Run-queue wait: time the server and the readers were ready to run but had no CPU "
              "(/proc/PID/schedstat), summed over them, per second: what CPU contention added.")
        print(f"store SHA-256 before {before}")
        print(f"store SHA-256 after  {after}  {'(unchanged)' if before == after else 'CHANGED'}")
        log.seek(0)
        lines = [l for l in log.read().splitlines() if " user=" in l]
        print(f"server log: {len(lines)} connection lines")
        if before != after or any(r["failed"] for r in rows):
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
