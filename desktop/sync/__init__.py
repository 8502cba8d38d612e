"""Checking CQC for new reports from the app: the sync dialog and its controller."""
