import Foundation
import NIOCore
import NIOSSH

/// Who may log in: anyone (any user name; no password, any password or any key, as public
/// SSH apps do), or with `--authorized-keys` only the holders of the listed keys.
final class GuestAuthentication: NIOSSHServerUserAuthenticationDelegate {
    private let allowed: Set<NIOSSHPublicKey>?
    private let record: ConnectionRecord

    init(allowed: Set<NIOSSHPublicKey>?, record: ConnectionRecord) {
        self.allowed = allowed; self.record = record
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods {
        allowed == nil ? [.publicKey, .password] : .publicKey
    }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        record.user = request.username
        guard let allowed else {
            // Anonymous: whatever the client offers is enough. A password is never looked at.
            switch request.request {
            case .none: record.auth = "none"
            case .password: record.auth = "password-ignored"
            case .publicKey(let key): record.auth = "key:" + KeyFingerprint.of(key.publicKey)
            case .hostBased: record.auth = "hostbased"
            }
            return responsePromise.succeed(.success)
        }
        // NIOSSH has checked the signature before asking: the key is the client's.
        if case .publicKey(let key) = request.request, allowed.contains(key.publicKey) {
            record.auth = "key:" + KeyFingerprint.of(key.publicKey)
            return responsePromise.succeed(.success)
        }
        record.note("auth-failed")
        responsePromise.succeed(.failure)
    }
}

/// Refuses port forwarding from the server's side (`ssh -R`): the server listens for no one.
struct NoForwarding: GlobalRequestDelegate {
    let record: ConnectionRecord

    func tcpForwardingRequest(_ request: GlobalRequest.TCPForwardingRequest, handler: NIOSSHHandler,
                              promise: EventLoopPromise<GlobalRequest.TCPForwardingResponse>) {
        record.note("remote-forward-refused")
        promise.fail(ServeError("port forwarding is not offered"))
    }
}

/// OpenSSH's SHA256 fingerprint of a public key.
enum KeyFingerprint {
    static func of(_ key: NIOSSHPublicKey) -> String {
        let line = String(openSSHPublicKey: key)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return "?" }
        return HostKey.fingerprint(blob: Array(blob))
    }
}
