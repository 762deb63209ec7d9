import Foundation

/// Where the reader's configuration file lives.
public enum ConfigFile {
    /// `$XDG_CONFIG_HOME/quire/config.toml`, else `~/.config/quire/config.toml`.
    public static func path(environment: [String: String]) -> String {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        }
        return (base as NSString).appendingPathComponent("quire/config.toml")
    }
}
