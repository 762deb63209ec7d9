import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// One SSH session channel: takes the pty and env requests, starts a reader on a new
/// pseudo-terminal for the shell request, carries keys in and the screen out, and refuses
/// everything else (exec, subsystems such as sftp, environment variables but TERM, LANG, LC_*).
final class SessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private enum Phase { case waiting, starting, running, ending, done }

    private let core: ServerCore
    private let record: ConnectionRecord
    private var context: ChannelHandlerContext?
    /// The channel's event loop, kept apart from `context` for timers that outlive the channel.
    private var loop: EventLoop?
    private var phase = Phase.waiting
    private var terminal: ReaderProcess.Terminal?
    private var locale: [String: String] = [:]
    private var envTerm: String?
    /// The reader, once started, and the master side of its terminal (valid while `pty` is open).
    private var pid: pid_t?
    private var master: Int32 = -1
    private var pty: Channel?
    /// Keys typed before the reader was there to read them.
    private var early: ByteBuffer?
    private var ending: ChildReaper.Ending?
    private var ptyClosed = false
    /// Said to the client once the reader has gone (why the session ended).
    private var farewell: String?
    /// The server itself asked the reader to end (SIGHUP): its death by signal is expected.
    private var hungUp = false
    private var lastInput = ProcessInfo.processInfo.systemUptime
    private var timers: [Scheduled<Void>] = []
    private var registration: Int?

    init(core: ServerCore, record: ConnectionRecord) {
        self.core = core; self.record = record
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        loop = context.eventLoop
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            let ok = phase == .waiting && terminal == nil
            if ok { terminal = .init(term: request.term, rows: request.terminalRowHeight, cols: request.terminalCharacterWidth) }
            reply(ok, request.wantReply)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let name = request.name
            let ok = phase == .waiting && (name == "TERM" || name == "LANG" || name.hasPrefix("LC_")) && locale.count < 32
            if ok {
                if name == "TERM" { envTerm = request.value } else { locale[name] = request.value }
            } else {
                record.note("env-refused")
            }
            reply(ok, request.wantReply)
        case let request as SSHChannelRequestEvent.ShellRequest:
            startShell(wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            record.note("exec-refused")
            refuse("commands are not offered here; connect without one (ssh -t) to read the archive", wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            record.note("subsystem-refused")
            refuse("the \(ServeLog.quoted(request.subsystem)) subsystem is not offered here", wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            terminal?.rows = request.terminalRowHeight
            terminal?.cols = request.terminalCharacterWidth
            if pty != nil { ReaderProcess.resize(master: master, rows: request.terminalRowHeight, cols: request.terminalCharacterWidth) }
        case is SSHChannelRequestEvent.SignalRequest, is SSHChannelRequestEvent.LocalFlowControlRequest:
            // Signals go to the reader as keys do (Ctrl-C through the terminal), not by request.
            break
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ ok: Bool, _ wantReply: Bool) {
        guard wantReply, let context else { return }
        if ok {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    /// Says why on the client's standard error, answers no, and closes the channel.
    private func refuse(_ why: String, wantReply: Bool) {
        say("quire serve: \(why)", stream: .stdErr)
        reply(false, wantReply)
        finish(status: 1)
    }

    private func startShell(wantReply: Bool) {
        guard phase == .waiting else { return reply(false, wantReply) }
        // Yes first, in every case below: a client told no prints its own words, not ours.
        reply(true, wantReply)
        guard var terminal else {
            record.note("no-pty")
            say("quire serve: the reader needs a terminal; connect with ssh -t", stream: .stdErr)
            return finish(status: 1)
        }
        if let refusal = core.admission.admitSession(from: record.address) {
            record.note(refusal.logWord)
            say("quire serve: \(refusal)", stream: .channel)
            return finish(status: 1)
        }
        if terminal.term.isEmpty, let envTerm { terminal.term = envTerm }
        terminal.locale = locale
        phase = .starting
        record.sessionsStarted += 1
        record.sessionsOpen += 1
        guard let loop else { return }
        let bound = NIOLoopBound(self, eventLoop: loop)
        let (executable, argv) = core.readerCommandLine()
        let limits = core.admission.limits
        let reaper = core.reaper
        let asked = terminal
        DispatchQueue.global().async {
            // fork() waits for exec, which is too long to hold an event loop that serves others.
            let result = Result { try ReaderProcess.start(executable, argv: argv, terminal: asked, limits: limits) }
            if case .success(let process) = result {
                reaper.watch(process.pid) { ending in loop.execute { bound.value.readerEnded(ending) } }
            }
            reaper.childStarted()
            loop.execute { bound.value.started(result) }
        }
    }

    private func started(_ result: Result<ReaderProcess, any Error>) {
        switch result {
        case .failure(let error):
            ServeLog.write("quire serve: \(error)")
            record.note("start-failed")
            farewell = farewell ?? "the reader could not start; please try again later"
            readerEnded(.exited(127), started: false)
        case .success(let process):
            pid = process.pid
            master = process.master
            guard phase == .starting, let context else {
                // The client left (or the server is stopping) while the reader started.
                killpg(process.pid, SIGKILL)
                close(process.master)
                master = -1
                ptyClosed = true
                return
            }
            phase = .running
            registration = core.registerSession { [loop = context.eventLoop, bound = NIOLoopBound(self, eventLoop: context.eventLoop)] why in
                loop.execute { bound.value.end(farewell: why, note: "shutdown") }
            }
            attachTerminal(process.master, context: context)
            let limits = core.admission.limits
            schedule(after: limits.maxSessionTime) { [weak self] in
                self?.end(farewell: "this session reached the longest a session may last (\(ServeDuration.describe(limits.maxSessionTime)))",
                      note: "time-limit")
            }
            scheduleIdleCheck()
        }
    }

    /// Bridges the master side to this channel: its output becomes channel data.
    private func attachTerminal(_ fd: Int32, context: ChannelHandlerContext) {
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        NIOPipeBootstrap(group: context.eventLoop)
            .channelOption(.allowRemoteHalfClosure, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PtyBridge(session: bound.value))
                }
            }
            .takingOwnershipOfDescriptor(inputOutput: fd)
            .assumeIsolated()
            .whenComplete { [self] result in
                switch result {
                case .success(let channel):
                    pty = channel
                    if let early { channel.writeAndFlush(early, promise: nil) }
                    early = nil
                    if phase == .ending { hangUp() }
                case .failure(let error):
                    ServeLog.write("quire serve: cannot read the reader's terminal: \(error)")
                    close(fd)
                    master = -1
                    ptyClosed = true
                    if let pid { killpg(pid, SIGKILL) }
                }
            }
    }

    // MARK: Data

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard message.type == .channel, case .byteBuffer(let bytes) = message.data else { return }
        lastInput = ProcessInfo.processInfo.systemUptime
        if let pty {
            pty.writeAndFlush(bytes, promise: nil)
            // A reader that stops reading must not make the server hold everything pasted at it.
            if !pty.isWritable { context.channel.setOption(.autoRead, value: false).whenFailure { _ in } }
        } else if phase == .starting || phase == .running {
            var buffer = early ?? context.channel.allocator.buffer(capacity: bytes.readableBytes)
            if buffer.readableBytes < 4096 { buffer.writeImmutableBuffer(bytes) }
            early = buffer
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        // The client reads again: so does the server, from the reader's terminal.
        if context.channel.isWritable { pty?.setOption(.autoRead, value: true).whenFailure { _ in } }
        context.fireChannelWritabilityChanged()
    }

    /// Output of the reader, from its terminal.
    fileprivate func terminalOutput(_ bytes: ByteBuffer) {
        guard let context, phase != .done else { return }
        context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(bytes))), promise: nil)
        if !context.channel.isWritable { pty?.setOption(.autoRead, value: false).whenFailure { _ in } }
    }

    fileprivate func terminalOutputFlush() {
        context?.flush()
    }

    fileprivate func terminalWritable(_ writable: Bool) {
        if writable { context?.channel.setOption(.autoRead, value: true).whenFailure { _ in } }
    }

    /// The terminal's master side is closed: the reader and everything it started have let go of it.
    fileprivate func terminalClosed() {
        pty = nil
        master = -1
        ptyClosed = true
        maybeFinish()
    }

    // MARK: Ending

    func channelInactive(context: ChannelHandlerContext) {
        // The client went away: hang up the reader's terminal (SIGHUP), and make sure.
        if phase != .done {
            phase = .ending
            hangUp()
        }
        context.fireChannelInactive()
    }

    /// Ends the session with a word to the client (idle, time limit, server stopping), and a
    /// word for the log.
    func end(farewell why: String, note: String) {
        guard phase == .starting || phase == .running else { return }
        record.note(note)
        farewell = why
        phase = .ending
        hangUp()
    }

    /// Sends SIGHUP to the reader, which restores the screen and exits; SIGKILL if it has
    /// not gone a few seconds later.
    private func hangUp() {
        guard let pid, ending == nil else { return }
        hungUp = true
        killpg(pid, SIGHUP)
        schedule(after: 3) { [weak self] in
            guard let self, self.ending == nil else { return }
            killpg(pid, SIGKILL)
            self.pty?.close(promise: nil)
        }
    }

    private func readerEnded(_ how: ChildReaper.Ending) {
        readerEnded(how, started: true)
    }

    private func readerEnded(_ how: ChildReaper.Ending, started: Bool) {
        guard ending == nil else { return }
        ending = how
        core.admission.sessionEnded(from: record.address)
        record.sessionsOpen -= 1
        record.quietSince = ProcessInfo.processInfo.systemUptime
        if let registration { core.unregisterSession(registration) }
        registration = nil
        if !started { ptyClosed = true }
        // What the reader wrote last is still in the terminal: read to its end, but not forever
        // (a process it left behind could hold the terminal open).
        if !ptyClosed {
            schedule(after: 1) { [weak self] in self?.pty?.close(promise: nil) }
        }
        maybeFinish()
    }

    /// When both the reader and its terminal are gone: the farewell, the exit status, close.
    private func maybeFinish() {
        guard let ending, ptyClosed, phase != .done else { return }
        for timer in timers { timer.cancel() }
        timers = []
        if case .signalled(let signal) = ending, !hungUp {
            // Killed before it could restore the screen: the client's terminal is left in the
            // alternate screen with the cursor hidden and mouse reports on. Undo what a reader sets.
            say(Self.terminalReset + "\r\nquire serve: the reader stopped unexpectedly (signal \(signal))", stream: .channel)
        }
        if let farewell { say("\r\nquire serve: \(farewell)", stream: .channel) }
        switch ending {
        case .exited(let code): finish(status: code)
        case .signalled(let signal): finish(status: 128 + signal)
        }
    }

    private func finish(status: Int32) {
        phase = .done
        guard let context, context.channel.isActive else { return }
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: Int(status)), promise: nil)
        context.close(promise: nil)
    }

    /// Attributes off, mouse reports off, cursor shown, keypad back to normal, main screen.
    static let terminalReset = "\u{1b}[0m\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1003l\u{1b}[?1006l\u{1b}[?25h\u{1b}[?1l\u{1b}>\u{1b}[?1049l"

    /// Writes a line to the client (with CR LF: the client's terminal is raw).
    private func say(_ text: String, stream: SSHChannelData.DataType) {
        guard let context, context.channel.isActive else { return }
        let buffer = context.channel.allocator.buffer(string: text + "\r\n")
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: stream, data: .byteBuffer(buffer))), promise: nil)
    }

    // MARK: Timers

    private func schedule(after seconds: Double, _ body: @escaping () -> Void) {
        guard let loop else { return }
        let task = loop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(seconds * 1000))) { body() }
        timers.append(task)
    }

    private func scheduleIdleCheck() {
        let idle = core.admission.limits.idleTimeout
        let due = lastInput + idle - ProcessInfo.processInfo.systemUptime
        schedule(after: max(0.05, due)) { [weak self] in
            guard let self, self.phase == .running else { return }
            if ProcessInfo.processInfo.systemUptime - self.lastInput >= idle {
                self.end(farewell: "no key for \(ServeDuration.describe(idle)); the session is closed", note: "idle")
            } else {
                self.scheduleIdleCheck()
            }
        }
    }
}

/// Reads the master side of a reader's terminal for its session.
private final class PtyBridge: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let session: SessionHandler

    init(session: SessionHandler) { self.session = session }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session.terminalOutput(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        session.terminalOutputFlush()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        session.terminalWritable(context.channel.isWritable)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // EIO is how Linux says the last process let go of the slave side: the end of output.
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.terminalFlushAndClose()
    }
}

extension SessionHandler {
    fileprivate func terminalFlushAndClose() {
        terminalOutputFlush()
        terminalClosed()
    }
}
