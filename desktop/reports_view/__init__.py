"""Imported report documents and their extracted text."""
