package journalresume

// the user's own helper
