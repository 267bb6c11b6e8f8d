"""The page with its entry boxes: zoom, pan, fit to width; boxes dragged, resized, added, deleted; undo.

A box changes only when the mouse really drags it: a click (or a hand's tremble below the system's drag
distance) selects the entry and changes nothing, so no PDF is cut again and no audit event is written.
A box never leaves the page.
"""
from __future__ import annotations


from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsRectItem, QGraphicsScene, QGraphicsView

HANDLE = 24


class EntryBox(QGraphicsRectItem):
    """One entry's box. Drag to move; drag the lower-right corner to resize."""

    def __init__(self, entry_id: int | None, rect: QRectF, number: int, view: PageView) -> None:
        super().__init__(rect)
        self.entry_id, self.number, self.view = entry_id, number, view
        self.setFlags(QGraphicsItem.ItemIsMovable | QGraphicsItem.ItemIsSelectable
                      | QGraphicsItem.ItemSendsGeometryChanges)
        self.setPen(QPen(QColor(0, 120, 215), 4))
        self.setBrush(QBrush(QColor(0, 120, 215, 12)))
        self._resizing = self._dragging = False
        self._before = QRectF()
        self._press_screen = QPointF()

    def scene_rect(self) -> QRectF:
        return self.mapRectToScene(self.rect())

    def paint(self, painter: QPainter, option, widget=None) -> None:  # noqa: ANN001
        if self.isSelected():
            self.setPen(QPen(QColor(230, 90, 0), 6))
        else:
            self.setPen(QPen(QColor(0, 120, 215), 4))
        super().paint(painter, option, widget)
        r = self.rect()
        painter.fillRect(QRectF(r.right() - HANDLE, r.bottom() - HANDLE, HANDLE, HANDLE), QColor(230, 90, 0))
        font = painter.font()
        font.setPixelSize(48)
        painter.setFont(font)
        painter.drawText(r.topLeft() + QPointF(12, 52), str(self.number))

    def mousePressEvent(self, event) -> None:  # noqa: ANN001
        self._before = self.scene_rect()
        self._press_screen = event.screenPos()
        self._dragging = False
        r = self.rect()
        self._resizing = (event.pos().x() > r.right() - HANDLE * 2 and event.pos().y() > r.bottom() - HANDLE * 2)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001
        if not self._dragging:
            moved = event.screenPos() - self._press_screen
            if abs(moved.x()) + abs(moved.y()) < QApplication.startDragDistance():
                return  # not a drag yet: the box stays exactly where it is
            self._dragging = True
        if self._resizing:
            r = self.rect()
            r.setBottomRight(event.pos())
            self.setRect(self._inside_page(r.normalized()))
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001
        super().mouseReleaseEvent(event)
        if not self._dragging:
            return
        self._dragging = False
        after = self.scene_rect()
        if after != self._before:
            self.view.push_edit(self, self._before, after)

    def _inside_page(self, rect: QRectF) -> QRectF:
        """A resized rect (item coordinates) cut to the page."""
        page = self.mapRectFromScene(self.view.sceneRect())
        return rect.intersected(page) if rect.intersects(page) else rect

    def itemChange(self, change, value):  # noqa: ANN001, ANN201
        """Keeps a dragged box on the page: its position is held so the whole rect stays inside."""
        if change == QGraphicsItem.ItemPositionChange and self.scene() is not None:
            page, r = self.view.sceneRect(), self.rect()
            x = min(max(value.x(), page.left() - r.left()), page.right() - r.right())
            y = min(max(value.y(), page.top() - r.top()), page.bottom() - r.bottom())
            return QPointF(x, y)
        return super().itemChange(change, value)


class BoxEdit(QUndoCommand):
    """Moving or resizing a box; undo puts it back (and tells the core again)."""

    def __init__(self, view: PageView, box: EntryBox, before: QRectF, after: QRectF) -> None:
        super().__init__("Sửa khung")
        self.view, self.box, self.before, self.after = view, box, QRectF(before), QRectF(after)
        self.first = True

    def _apply(self, rect: QRectF) -> None:
        self.box.setPos(0, 0)
        self.box.setRect(rect)
        self.view.box_changed.emit(self.box.entry_id, rect)

    def redo(self) -> None:
        if self.first:  # the drag itself already moved the box
            self.first = False
            self.view.box_changed.emit(self.box.entry_id, self.after)
            return
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class PageView(QGraphicsView):
    box_changed = Signal(object, QRectF)   # entry id, new rect in page pixels
    box_added = Signal(QRectF)
    box_deleted = Signal(object)
    box_selected = Signal(object)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.Antialiasing | QPainter.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.undo_stack = QUndoStack(self)
        self.boxes: list[EntryBox] = []
        self._pixmap = None
        self.scene().selectionChanged.connect(self._selection)

    def show_page(self, image: QImage, boxes: list[tuple[int, QRectF]]) -> None:
        self.boxes = []  # before clear(): the scene reports selection changes while it deletes items
        self.scene().clear()
        self.undo_stack.clear()
        self._pixmap = self.scene().addPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(image.rect()))
        self.boxes = []
        for n, (entry_id, rect) in enumerate(boxes, 1):
            self._add_item(entry_id, rect, n)
        self.fit_width()

    def _add_item(self, entry_id: int | None, rect: QRectF, number: int) -> EntryBox:
        box = EntryBox(entry_id, rect, number, self)
        self.scene().addItem(box)
        self.boxes.append(box)
        return box

    def push_edit(self, box: EntryBox, before: QRectF, after: QRectF) -> None:
        self.undo_stack.push(BoxEdit(self, box, before, after))

    def select_entry(self, entry_id: int) -> None:
        for box in self.boxes:
            box.setSelected(box.entry_id == entry_id)
            if box.entry_id == entry_id:
                self.ensureVisible(box.scene_rect(), 20, 20)

    def _selection(self) -> None:
        selected = [b for b in self.boxes if b.isSelected()]
        if selected:
            self.box_selected.emit(selected[0].entry_id)

    def add_box_at_view_centre(self) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        width = self.sceneRect().width() * 0.8
        rect = QRectF(centre.x() - width / 2, centre.y() - 150, width, 300)
        self.box_added.emit(rect)

    def delete_selected(self) -> None:
        for box in [b for b in self.boxes if b.isSelected()]:
            self.box_deleted.emit(box.entry_id)

    def fit_width(self) -> None:
        if self._pixmap is None:
            return
        self.resetTransform()
        scale = (self.viewport().width() - 20) / max(1.0, self.sceneRect().width())
        self.scale(scale, scale)

    def zoom(self, factor: float) -> None:
        self.scale(factor, factor)

    def wheelEvent(self, event) -> None:  # noqa: ANN001
        if event.modifiers() & Qt.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
        else:
            super().wheelEvent(event)


def rect_to_polygon(rect: QRectF) -> list[list[float]]:
    return [[rect.left(), rect.top()], [rect.right(), rect.top()], [rect.right(), rect.bottom()],
            [rect.left(), rect.bottom()]]


def polygon_to_rect(polygon: list[list[float]]) -> QRectF:
    xs, ys = [p[0] for p in polygon], [p[1] for p in polygon]
    return QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


