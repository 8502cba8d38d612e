"""Actions no CQC report contains (added by the governance lead), and deleting what was added by mistake."""
