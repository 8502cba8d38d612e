"""Printing and saving: options dialogs for the printed documents, the PDF preview, export and backup."""
