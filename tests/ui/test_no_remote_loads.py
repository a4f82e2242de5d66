"""The detail pane never fetches anything a stranger's HTML points at: a loopback server counts the hits."""

from __future__ import annotations

import base64
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from desktop_app.core.models import Category, Label
from desktop_app.ui.main_window import MainWindow
from tests.support.factories import mention, score, store
from tests.support.http_server import LoopbackServer, make_server

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _hostile(server: LoopbackServer) -> str:
    u = server.url
    return (
        f'<p>Acme <img src="{u("/img.png")}"> <img src="{u("/img2.png")}" width="1" height="1">'
        f'<link rel="stylesheet" href="{u("/style.css")}"><style>@import "{u("/import.css")}";'
        f"p {{ background: url({u('/bg.png')}) }}</style>"
        f'<table background="{u("/table.png")}"><tr><td>cell</td></tr></table>'
        f'<div style="background-image:url({u("/div.png")})">styled</div>'
        f'<object data="{u("/obj")}"></object><iframe src="{u("/frame")}"></iframe></p>'
    )


def _serve(server: LoopbackServer) -> None:
    for path in ("/img.png", "/img2.png", "/bg.png", "/table.png", "/div.png", "/title.png", "/author.png"):
        server.route(path, PNG, headers={"Content-Type": "image/png"})
    for path in ("/style.css", "/import.css"):
        server.route(path, b"p { color: red }", headers={"Content-Type": "text/css"})


def test_the_pane_fetches_nothing_remote(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.73")
    _serve(server)
    try:
        ws = window.workspace
        assert ws is not None
        sid = ws.reader().execute("SELECT id FROM sources").fetchone()[0]
        title = f'<img src="{server.url("/title.png")}"><b>Acme</b> title'
        m = mention(
            sid, 7001, title=title, text=_hostile(server), author=f'<img src="{server.url("/author.png")}">'
        )
        m.title = title  # as a stranger might send it, past the normalizer
        (mid,) = store(ws, [(m, score(95, Label.NEGATIVE, Category.COMPLAINT))])
        window.model.refresh()
        qtbot.waitUntil(lambda: window.model.row_of(mid) is not None, timeout=5000)
        window.view.select_id(mid)
        qtbot.waitUntil(lambda: window.detail.mention_id == mid, timeout=5000)
        window.grab()  # paint: layout asks for every resource the document names
        qtbot.wait(300)
        assert window.detail.title_label.textFormat() == Qt.TextFormat.PlainText
        assert window.detail.title_label.text() == title  # shown as the characters it is, not as markup
        assert window.detail.meta_label.textFormat() == Qt.TextFormat.PlainText

        # Even markup that never went through the sanitizer loads nothing in the pane's browser.
        window.detail.browser.setHtml(_hostile(server))
        window.detail.browser.grab()
        qtbot.wait(300)
        assert server.request_log == [], server.request_log
    finally:
        server.stop()


def _image(resource: object) -> QImage:
    if isinstance(resource, QPixmap):
        return resource.toImage()
    if isinstance(resource, QImage):
        return resource
    return QImage.fromData(bytes(resource or b""))  # type: ignore[call-overload]


def test_the_pane_browser_refuses_resources_a_plain_one_would_load(
    qtbot, tmp_path: Path, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """A local file or data: image loads in a stock QTextBrowser; the pane's browser shows a blank pixel."""
    image = tmp_path / "secret.png"
    red = QImage(4, 4, QImage.Format.Format_ARGB32)
    red.fill(QColor("red"))
    assert red.save(str(image))
    local = QUrl.fromLocalFile(str(image))
    data = QUrl("data:image/png;base64," + base64.b64encode(image.read_bytes()).decode())
    for url in (local, data):
        markup = f'<p>x<img src="{url.toString()}"> <img src="{image}"></p>'
        stock = QTextBrowser()
        qtbot.addWidget(stock)
        stock.setHtml(markup)
        stock.grab()
        shown = stock.document().resource(QTextDocument.ResourceType.ImageResource, url)
        assert _image(shown).pixelColor(0, 0) == QColor("red")  # Qt alone would load it
        pane = window.detail.browser
        pane.setHtml(markup)
        pane.grab()
        for name in (url, QUrl(str(image))):
            shown = pane.document().resource(QTextDocument.ResourceType.ImageResource, name)
            assert _image(shown).size().width() <= 1 and _image(shown).pixelColor(0, 0).alpha() == 0
    css = pane.document().loadResource(
        QTextDocument.ResourceType.StyleSheetResource, QUrl("http://x.example/s.css")
    )
    assert not css


def _paths(server: LoopbackServer) -> set[str]:
    return {p for p, _ in server.request_log}


def test_images_load_only_when_asked_and_nothing_else_does(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Load images fetches the mention's <img> pictures (through the app's HTTP client), never its styles,
    backgrounds, frames or objects; the next mention starts with its images blocked again."""
    server = make_server("127.0.0.74")
    _serve(server)
    server.route("/page.html", b"<html>login</html>", headers={"Content-Type": "text/html"})
    try:
        ws = window.workspace
        assert ws is not None
        sid = ws.reader().execute("SELECT id FROM sources").fetchone()[0]
        hostile = _hostile(server) + f'<p><img src="{server.url("/page.html")}"></p>'
        pairs = [
            (mention(sid, 7101, title="Acme pictures", text=hostile), score(95, Label.NEGATIVE, Category.COMPLAINT)),
            (mention(sid, 7102, title="Acme more", text=_hostile(server)), score(94, Label.NEGATIVE, Category.COMPLAINT)),
        ]  # fmt: skip
        first, second = store(ws, pairs)
        window.model.refresh()
        qtbot.waitUntil(lambda: window.model.row_of(first) is not None, timeout=5000)
        window.view.select_id(first)
        qtbot.waitUntil(lambda: window.detail.mention_id == first, timeout=5000)
        html = window.detail.browser.toHtml()
        assert "3 images not loaded" in window.detail.browser.toPlainText()
        window.grab()
        qtbot.wait(300)
        assert server.request_log == []  # shown, not fetched

        window.detail._link_clicked(QUrl("earshot:load-images"))
        qtbot.waitUntil(lambda: {"/img.png", "/img2.png", "/page.html"} <= _paths(server), timeout=5000)
        qtbot.waitUntil(lambda: len(window.detail.browser.images) == 2, timeout=5000)
        window.grab()
        qtbot.wait(300)
        assert _paths(server) == {"/img.png", "/img2.png", "/page.html"}  # no css, background, frame, object
        assert "not loaded" not in window.detail.browser.toPlainText()
        assert html != window.detail.browser.toHtml()
        shown = window.detail.browser.document().resource(
            QTextDocument.ResourceType.ImageResource, QUrl(server.url("/img.png"))
        )
        assert _image(shown).width() == 1 and _image(shown).pixelColor(0, 0).alpha() > 0  # the real pixel

        server.request_log.clear()
        window.view.select_id(second)
        qtbot.waitUntil(lambda: window.detail.mention_id == second, timeout=5000)
        window.grab()
        qtbot.wait(300)
        assert server.request_log == []
        assert "images not loaded" in window.detail.browser.toPlainText()
    finally:
        server.stop()
