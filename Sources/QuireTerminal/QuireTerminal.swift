// The ncurses backend.
