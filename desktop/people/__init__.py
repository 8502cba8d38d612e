"""People who own and verify actions: add, edit, leave with hand-over, rejoin."""
