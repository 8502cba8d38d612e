"""A drop-down editor for an action's key question in the import preview."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from core.domain.vocabulary import KeyQuestion

NOT_STATED = "Not stated"
Index = QModelIndex | QPersistentModelIndex


class KeyQuestionDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName("Key question")
        combo.addItem(NOT_STATED, "")
        for question in KeyQuestion:
            combo.addItem(question.label, question.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole) or ""), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
