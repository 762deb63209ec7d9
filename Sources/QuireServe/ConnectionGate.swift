import Foundation
import NIOCore

/// The first handler of every connection: admits it or turns it away, counts its bytes, drops
/// it when it has no session for the handshake timeout, and writes its log line at the end.
final class ConnectionGate: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let core: ServerCore
    let record: ConnectionRecord
    private var admitted = false
    private var refusedAs: String?
    private var timedOut = false
    private var registration: Int?
    private var check: Scheduled<Void>?

    init(core: ServerCore, record: ConnectionRecord) {
        self.core = core; self.record = record
    }

    func channelActive(context: ChannelHandlerContext) {
        if let refusal = core.admission.admitConnection(from: record.address) {
            // Before SSH's own greeting: the protocol lets a server send lines first, and a
            // client shows them with -v. Cheap, since a flood is what this guards against.
            refusedAs = refusal.logWord
            let line = context.channel.allocator.buffer(string: "quire serve: \(refusal)\r\n")
            context.writeAndFlush(wrapOutboundOut(line)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        admitted = true
        registration = core.registerConnection(context.channel)
        scheduleCheck(context: context)
        context.fireChannelActive()
    }

    /// A connection without a running session is closed once it has been so for the
    /// handshake timeout: one that never speaks, or never gets as far as a session.
    private func scheduleCheck(context: ChannelHandlerContext) {
        let timeout = core.admission.limits.handshakeTimeout
        let step = max(0.05, min(timeout / 4, 5))
        check = context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(step * 1000))) { [self] in
            if record.sessionsOpen == 0, ProcessInfo.processInfo.systemUptime - record.quietSince >= timeout {
                timedOut = true
                record.note(record.sessionsStarted == 0 ? "handshake-timeout" : "no-session-timeout")
                context.close(promise: nil)
            } else {
                scheduleCheck(context: context)
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard admitted else { return }
        record.bytesIn += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        record.bytesOut += unwrapOutboundIn(data).readableBytes
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        record.note(Self.describe(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        check?.cancel()
        if admitted { core.admission.connectionClosed() }
        if let registration { core.unregisterConnection(registration) }
        let end: String
        if let refusedAs {
            end = "refused: \(refusedAs)"
        } else if timedOut {
            end = "timeout"
        } else {
            end = "closed"
        }
        ServeLog.write(record.line(end: end))
        context.fireChannelInactive()
    }

    /// A word for the log from a connection's error: the protocol error's kind, never its data.
    static func describe(_ error: Error) -> String {
        // NIOSSH's errors print as "NIOSSHError.invalidPacketFormat": the kind is the second word.
        var text = Substring(String(describing: error))
        if text.hasPrefix("NIOSSHError.") { text = text.dropFirst("NIOSSHError.".count) }
        let word = text.prefix { $0.isLetter || $0.isNumber }
        return "error-" + (word.isEmpty ? "unknown" : String(word.prefix(40)))
    }
}
