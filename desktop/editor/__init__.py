"""The action editor: one non-modal window per action, with undoable edits."""
