package journalforeign

// the user's own helper
