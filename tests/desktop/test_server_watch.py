"""ServerWatch: one line while the server is not answering; `back` once it has answered for a moment."""

from desktop.server_watch import SETTLE_S, ServerWatch
from desktop.widgets.info_bar import InfoBar


class Feed:
    def __init__(self) -> None:
        self.reachable = True
        self.now = 100.0


def make(qtbot, feed: Feed) -> tuple[ServerWatch, list[bool]]:
    line = InfoBar()
    qtbot.addWidget(line)
    watch = ServerWatch(line, lambda: feed.reachable, "db.example.org:5432", clock=lambda: feed.now)
    backs: list[bool] = []
    watch.back.connect(lambda: backs.append(True))
    return watch, backs


def test_a_failed_save_shows_one_line_until_the_server_has_answered_for_a_moment(qtbot):
    feed = Feed()
    watch, backs = make(qtbot, feed)
    watch.check()
    assert watch.line.isHidden() and backs == []  # nothing lost, nothing said
    watch.report("The connection to the server db.example.org:5432 was lost, so nothing was changed.")
    text = watch.line.label.text()
    assert not watch.line.isHidden() and "\n" not in text
    assert text.startswith("The server db.example.org:5432 is not answering.")
    watch.check()
    assert backs == []  # not yet: it has not answered for a moment
    feed.now += SETTLE_S
    watch.check()
    assert backs == [True] and watch.line.isHidden()
    watch.check()
    assert backs == [True]  # back once


def test_a_lost_feed_is_said_and_the_moment_counts_from_its_return(qtbot):
    feed = Feed()
    watch, backs = make(qtbot, feed)
    feed.reachable = False
    watch.check()
    assert not watch.line.isHidden()
    feed.now += 10 * SETTLE_S
    watch.check()  # still unreachable: the moment restarts
    feed.reachable = True
    watch.check()
    assert backs == []
    feed.now += SETTLE_S
    watch.check()
    assert backs == [True] and watch.line.isHidden()
