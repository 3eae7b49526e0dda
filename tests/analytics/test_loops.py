"""The counting commands' loop: rounds until a stop signal, failures logged and retried, one last round."""

from __future__ import annotations

import logging
import signal

from toasoan.analytics import loops


def test_rounds_continue_after_a_failure_and_a_stop_runs_one_last_round(monkeypatch, caplog):
    handlers = {}
    monkeypatch.setattr(loops.signal, "signal", lambda signum, handler: handlers.__setitem__(signum, handler))
    monkeypatch.setattr(loops, "close_old_connections", lambda: None)
    rounds = []

    def work():
        rounds.append(len(rounds))
        if len(rounds) == 2:
            raise RuntimeError("Redis không trả lời")
        if len(rounds) == 3:
            handlers[signal.SIGTERM]()

    with caplog.at_level(logging.ERROR):
        loops.repeat_until_stopped(work, every=0, logger=logging.getLogger("test.loops"),
                                   error_message="Lỗi khi ghi lượt đọc")

    assert rounds == [0, 1, 2, 3]  # the third round received SIGTERM; the fourth is the last flush
    assert set(handlers) == {signal.SIGTERM, signal.SIGINT}
    assert "Lỗi khi ghi lượt đọc" in caplog.text
