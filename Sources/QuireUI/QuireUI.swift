// The pure terminal UI.
