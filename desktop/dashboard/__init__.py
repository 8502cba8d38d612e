"""The dashboard: headline tiles, charts and the overdue list."""
