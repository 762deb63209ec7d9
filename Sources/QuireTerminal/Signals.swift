import CNCursesW

/// Signals that end the reader. Every use of the C handler state is in this one file, because
/// the shim's static variable exists once per file that uses it.
enum Signals {
    static func install() {
        quire_unblock_signals()
        quire_install_signal_handlers()
        quire_install_crash_handlers()
    }

    /// The signal received since the last call, if any.
    static func take() -> Int32? {
        let sig = quire_take_signal()
        return sig == 0 ? nil : sig
    }

    /// Puts back a signal taken too early, for the event loop to act on.
    static func postpone(_ signal: Int32) {
        quire_postpone_signal(signal)
    }

    /// Ends the process by the signal's default action (after the terminal is restored).
    static func die(by signal: Int32) -> Never {
        quire_die_by_signal(signal)
        fatalError("signal \(signal) did not end the process")
    }
}
