"""Candour core: domain, store, importing, services, reports and CLI. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "Candour"
