"""Another client's change reaches this one as it happens (NOTIFY on a server, data_version on SQLite)."""

import time

from core.domain.changes import Changes
from core.services.app import open_services


def wait_for(feed, seconds: float = 10.0) -> Changes | None:
    """The first changes the feed hands out, waiting at most `seconds` (a bound, not a measurement)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = feed.poll()
        if found is not None:
            return found
        time.sleep(0.05)
    return None


def test_another_clients_note_reaches_the_feed(services, register, database_target):
    feed = services.watch()
    other = open_services(database_target, user="Tom Hughes")
    try:
        time.sleep(0.3)  # the listener has subscribed
        other.edits.add_note(register["must"].id, "Seen by the other desk.")
        changes = wait_for(feed)
        assert changes is not None
        assert register["must"].id in changes.actions and not changes.everything  # that row, not a reload
    finally:
        other.close()
        feed.close()


def test_own_changes_are_not_reported_back(services, register):
    feed = services.watch()
    try:
        services.edits.add_note(register["must"].id, "My own note.")
        assert feed.poll() is None
        time.sleep(0.5)
        assert feed.poll() is None
    finally:
        feed.close()
