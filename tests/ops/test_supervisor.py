"""Supervised processes: a program that dies is started again, the others keep running, stop is ordered."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.core.test_cpugroup import real_idle_group
from toasoan.core.cpugroup import process_group
from toasoan.ops import supervisor as supervisor_module
from toasoan.ops.supervisor import BACKGROUND_GROUP, ProcfileError, Program, Supervisor, parse_procfile

REPO = Path(__file__).resolve().parents[2]
SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_killed_program_is_restarted_and_the_others_keep_running(tmp_path):
    supervisor = Supervisor([Program("web", SLEEPER), Program("scheduler", SLEEPER)], pid_dir=tmp_path,
                            min_backoff=0.1)
    supervisor.start()
    try:
        before = supervisor.pids()
        assert (tmp_path / "scheduler.pid").read_text().strip() == str(before["scheduler"])
        os.kill(before["scheduler"], signal.SIGKILL)

        def restarted():
            supervisor.poll()
            return supervisor.pids()["scheduler"] != before["scheduler"]

        _wait_for(restarted)
        after = supervisor.pids()
        assert after["web"] == before["web"]  # untouched
        assert supervisor.children[0].process.poll() is None
        assert (tmp_path / "scheduler.pid").read_text().strip() == str(after["scheduler"])
        # A program that exits cleanly is restarted too (a worker's --max-tasks, say).
        os.kill(after["scheduler"], signal.SIGTERM)
        _wait_for(lambda: (supervisor.poll(), supervisor.pids()["scheduler"] != after["scheduler"])[1])
    finally:
        supervisor.stop()
    assert all(child.process.poll() is not None for child in supervisor.children)
    assert not list(tmp_path.glob("*.pid"))


def test_backoff_doubles_while_a_program_keeps_dying_and_resets_once_stable():
    clock = {"now": 0.0}
    supervisor = Supervisor([Program("bad", [sys.executable, "-c", "raise SystemExit(3)"])], min_backoff=1,
                            max_backoff=4, stable_after=30, clock=lambda: clock["now"])
    supervisor.start()
    child = supervisor.children[0]
    delays = []
    try:
        for _ in range(4):
            child.process.wait(timeout=10)
            supervisor.poll()
            delays.append(child.restart_at - clock["now"])
            clock["now"] = child.restart_at
            supervisor.poll()  # restarts it
        assert delays == [1, 2, 4, 4]
        assert child.restarts == 4
    finally:
        supervisor.stop()


def test_stop_goes_in_reverse_order_with_each_programs_signal(tmp_path):
    log = tmp_path / "order"
    script = ("import signal, sys, time\n"
              "def bye(sig, frame):\n"
              f"    open({str(log)!r}, 'a').write(sys.argv[1] + ':' + str(sig) + '\\n'); sys.exit(0)\n"
              "signal.signal(signal.SIGTERM, bye); signal.signal(signal.SIGQUIT, bye)\n"
              f"open({str(tmp_path)!r} + '/ready-' + sys.argv[1], 'w').close()\n"
              "time.sleep(60)\n")
    supervisor = Supervisor([Program("web", [sys.executable, "-c", script, "web"]),
                             Program("front", [sys.executable, "-c", script, "front"], stop_signal=signal.SIGQUIT)])
    supervisor.start()
    _wait_for(lambda: (tmp_path / "ready-web").exists() and (tmp_path / "ready-front").exists())
    supervisor.stop()
    assert log.read_text().split() == [f"front:{int(signal.SIGQUIT)}", f"web:{int(signal.SIGTERM)}"]


def test_procfile_lines_and_refusals(monkeypatch):
    monkeypatch.setenv("RUN", "/srv/run dir")
    text = '# comment\n\nweb: gunicorn app --bind 127.0.0.1:1\nfront: nginx -p $RUN -g "daemon off;"\n'
    programs = parse_procfile(text, stop_signals={"front": signal.SIGQUIT})
    assert [(p.name, p.argv, p.stop_signal) for p in programs] == [
        ("web", ["gunicorn", "app", "--bind", "127.0.0.1:1"], signal.SIGTERM),
        ("front", ["nginx", "-p", "/srv/run dir", "-g", "daemon off;"], signal.SIGQUIT),
    ]
    with pytest.raises(ProcfileError, match="dòng 1"):
        parse_procfile("không có dấu hai chấm")
    with pytest.raises(ProcfileError, match="không có tiến trình"):
        parse_procfile("# nothing\n")
    programs = parse_procfile("web: gunicorn\nworker: toasoan db_worker\n", behind_readers=["worker"])
    assert [(p.name, p.behind_readers) for p in programs] == [("web", False), ("worker", True)]
    with pytest.raises(ProcfileError, match="không có tiến trình wroker"):  # a typo is not silently ignored
        parse_procfile("worker: toasoan db_worker\n", behind_readers=["wroker"])


def test_the_worker_runs_in_the_idle_cpu_group_even_after_a_restart(tmp_path):
    """As root (CI): the program marked behind readers is in the group from its start, and again when it comes back
    after a SIGKILL; the others are not; the group goes when the supervisor stops."""
    real_idle_group(BACKGROUND_GROUP)  # or skipped: not root, no cpu controller
    supervisor = Supervisor([Program("web", SLEEPER), Program("worker", SLEEPER, behind_readers=True)],
                            min_backoff=0.1)
    supervisor.start()
    try:
        group = supervisor.group
        pids = supervisor.pids()
        assert group.where(pids["worker"]) == f"/{BACKGROUND_GROUP}"
        assert group.where(pids["web"]) != f"/{BACKGROUND_GROUP}"
        os.kill(pids["worker"], signal.SIGKILL)
        _wait_for(lambda: (supervisor.poll(), supervisor.pids()["worker"] != pids["worker"])[1])
        assert group.where(supervisor.pids()["worker"]) == f"/{BACKGROUND_GROUP}"
    finally:
        supervisor.stop()
    assert not group.path.exists() or any(group.path.joinpath("cgroup.procs").read_text().split())


def killed_and_restarted(program: Program) -> None:
    """The program alone under a supervisor: killed with SIGKILL, it is started again and keeps running."""
    supervisor = Supervisor([program], min_backoff=0.1)
    supervisor.start()
    try:
        first = supervisor.pids()[program.name]
        os.kill(first, signal.SIGKILL)
        _wait_for(lambda: (supervisor.poll(), supervisor.pids()[program.name] != first)[1])
        assert supervisor.children[0].process.poll() is None
    finally:
        supervisor.stop()


def test_without_the_right_the_worker_runs_as_before_and_the_log_says_so_once(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(supervisor_module, "idle_group", lambda *args, **kwargs: None)
    killed_and_restarted(Program("worker", SLEEPER, behind_readers=True))  # only not behind readers
    said = [r.getMessage() for r in caplog.records if "nhóm CPU nhàn rỗi" in r.getMessage()]
    assert said == [f"worker chạy ở mức CPU thường: không vào được nhóm CPU nhàn rỗi {BACKGROUND_GROUP} (cần chạy "
                    "bằng root), bạn đọc có thể chậm hơn khi nó làm việc nặng"]


# A front like nginx: a master that forks a worker right after it starts.
FORKING_FRONT = [sys.executable, "-c", "import os, time\nif os.fork() == 0:\n    time.sleep(60)\ntime.sleep(60)"]


def test_the_front_and_the_workers_it_forks_run_ahead_of_ordinary_processes(tmp_path):
    """As root (CI): the program marked readers-first runs at real-time priority, with the process it forked and
    again after a restart; the others keep the ordinary class."""
    if os.geteuid() != 0:
        pytest.skip("real-time priority needs root (CI runs as root)")
    supervisor = Supervisor([Program("web", SLEEPER), Program("front", FORKING_FRONT, readers_first=True)],
                            min_backoff=0.1)
    supervisor.start()
    try:
        front = supervisor.pids()["front"]
        members = _wait_for(lambda: [pid for pid in process_group(front) if pid != front])
        assert os.sched_getscheduler(front) == os.SCHED_FIFO
        assert os.sched_getscheduler(supervisor.pids()["web"]) == os.SCHED_OTHER
        _wait_for(lambda: (supervisor.poll(), all(os.sched_getscheduler(pid) == os.SCHED_FIFO
                                                  for pid in members))[1], timeout=5)
        os.kill(front, signal.SIGKILL)
        _wait_for(lambda: (supervisor.poll(), supervisor.pids()["front"] != front)[1])
        assert os.sched_getscheduler(supervisor.pids()["front"]) == os.SCHED_FIFO
    finally:
        supervisor.stop()


def test_without_the_right_the_front_runs_as_before_and_the_log_says_so_once(monkeypatch, caplog):
    def refuse(pid):
        raise PermissionError(pid)

    monkeypatch.setattr(supervisor_module, "put_ahead", refuse)
    killed_and_restarted(Program("front", FORKING_FRONT, readers_first=True))
    said = [r.getMessage() for r in caplog.records if "thời gian thực" in r.getMessage()]
    assert said == ["front chạy ở mức CPU thường: không đặt được mức ưu tiên thời gian thực (cần chạy bằng root), "
                    "bạn đọc có thể phải chờ các tiến trình khác lúc máy bận"]
    with pytest.raises(ProcfileError, match="không có tiến trình fornt \\(--readers-first\\)"):
        parse_procfile("front: nginx\n", readers_first=["fornt"])


def test_supervise_command_refuses_bad_input_in_vietnamese(tmp_path):
    with pytest.raises(CommandError, match="Không đọc được Procfile"):
        call_command("supervise", procfile=str(tmp_path / "missing"))
    bad = tmp_path / "Procfile"
    bad.write_text("web gunicorn\n")
    with pytest.raises(CommandError, match="không hợp lệ: dòng 1"):
        call_command("supervise", procfile=str(bad))
    bad.write_text("web: true\n")
    with pytest.raises(CommandError, match="nginx=QUIT"):
        call_command("supervise", procfile=str(bad), stop_signal=["web=NOPE"])
    with pytest.raises(CommandError, match="không có tiến trình worker"):
        call_command("supervise", procfile=str(bad), behind_readers=["worker"])


def test_killing_the_scheduler_of_toasoan_serve_keeps_the_site_up(tmp_path):
    """The real command: gunicorn answers before and after the scheduler child is SIGKILLed, which comes back."""
    port = 8151
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "toasoan.settings.dev", "TOASOAN_VAR_DIR": str(tmp_path / "var"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("REDIS_URL", None)
    serve = subprocess.Popen(
        [sys.executable, "-m", "toasoan.cli", "serve", "--port", str(port), "--workers", "1", "--no-worker",
         "--scheduler-interval", "1", "--pid-dir", str(tmp_path)],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def healthy():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        _wait_for(healthy, timeout=60)
        scheduler = int(_wait_for(lambda: (tmp_path / "scheduler.pid").exists() and
                                  (tmp_path / "scheduler.pid").read_text().strip()))
        web = int((tmp_path / "web.pid").read_text())
        os.kill(scheduler, signal.SIGKILL)
        _wait_for(lambda: int((tmp_path / "scheduler.pid").read_text() or 0) not in (0, scheduler))
        assert serve.poll() is None
        assert healthy()
        assert int((tmp_path / "web.pid").read_text()) == web
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
    assert not healthy()
