"""Importing CQC reports from the desktop: load off the GUI thread, preview and correct, then commit."""
