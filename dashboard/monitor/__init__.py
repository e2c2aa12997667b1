"""The wall screen (*monitor*): today's desk on a TV, live. This package holds what the screen
shows (the snapshot) and how a poll finds out whether it changed; the web layer serves it."""
