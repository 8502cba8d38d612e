"""The task runner: handlers given to submit hear even a task that finishes at once."""

from __future__ import annotations


def test_quick_task_results_and_failures_reach_their_handlers(qtbot, runner):
    results: list[object] = []
    errors: list[BaseException] = []
    for n in range(50):  # many tiny tasks: none may finish before its handler is connected
        runner.submit(lambda _p, _c, n=n: n, finished=results.append, failed=errors.append)
    runner.submit(lambda _p, _c: 1 / 0, writes=True, finished=results.append, failed=errors.append)
    qtbot.waitUntil(lambda: len(results) == 50 and len(errors) == 1)
    assert sorted(results) == list(range(50))
    assert isinstance(errors[0], ZeroDivisionError)
    qtbot.waitUntil(lambda: not runner.busy)
