import Foundation
import NIOSSH

/// Reads an `authorized_keys` file: one public key a line ("ssh-ed25519 AAAA… comment"), blank
/// lines and `#` comments skipped.
public enum AuthorizedKeys {
    /// Key types the server can check a signature of.
    static let supported: Set<String> = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"]

    /// A line that cannot be used, with its number.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The usable keys of a file's text and the lines that were left out, and why. Lines with
    /// options before the key (`from="…"`, `command="…"`) are left out whole: the server
    /// cannot honour the options, and a key meant only with them must not get in without them.
    public static func parse(_ text: String) -> (keys: AuthorizedKeySet, problems: [Problem]) {
        var keys: [NIOSSHPublicKey] = []
        var problems: [Problem] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let number = index + 1
            guard let type = words.first, words.count >= 2 else {
                problems.append(Problem(line: number, message: "expected a key type and the key in base64"))
                continue
            }
            if !supported.contains(type) {
                if words.dropFirst().contains(where: supported.contains) || type.contains("=") || type.contains(",") {
                    problems.append(Problem(line: number, message: "options before the key are not supported; the line is ignored"))
                } else if type.hasPrefix("ssh-") || type.hasPrefix("ecdsa-") || type.hasPrefix("sk-") {
                    problems.append(Problem(line: number, message: "\(type) keys are not supported (use ssh-ed25519 or ecdsa-sha2-nistp256/384/521)"))
                } else {
                    problems.append(Problem(line: number, message: "expected a key type such as ssh-ed25519, found \"\(type.prefix(40))\""))
                }
                continue
            }
            do {
                keys.append(try NIOSSHPublicKey(openSSHPublicKey: "\(type) \(words[1])"))
            } catch {
                problems.append(Problem(line: number, message: "the \(type) key cannot be read (\(error))"))
            }
        }
        return (AuthorizedKeySet(keys: Set(keys)), problems)
    }
}

/// The keys let in by `--authorized-keys`.
public struct AuthorizedKeySet: Sendable {
    let keys: Set<NIOSSHPublicKey>
    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }
}
