"""Every program of the local production stack is also a systemd unit that restarts on failure."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UNITS = REPO / "deploy" / "systemd"


def _procfile_programs() -> dict[str, str]:
    script = (REPO / "deploy" / "prod-local.sh").read_text()
    body = re.search(r"<<PROCFILE\n(.*?)\nPROCFILE\n", script, re.S).group(1)
    defaults = dict(re.findall(r"^(\w+)=\$\{\w+:-([^}]*)\}$", script, re.M))  # APP_PORT=${APP_PORT:-8090}
    body = re.sub(r"\$(\w+)", lambda m: defaults.get(m.group(1), m.group(0)), body)
    return dict(line.split(": ", 1) for line in body.splitlines())


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text())
    return parser


def test_prod_local_runs_the_scheduler_and_every_program_has_a_restarting_unit():
    programs = _procfile_programs()
    assert "run_scheduler" in programs["scheduler"]
    target = _unit(UNITS / "toasoan.target")
    wanted = target["Unit"]["Wants"].split()
    for name, command in programs.items():
        if name == "front":  # nginx: Debian's nginx.service (docs/operations.md)
            assert "daemon off;" in command
            continue
        unit = _unit(UNITS / f"toasoan-{name}.service")
        service = unit["Service"]
        assert service["Restart"] == "always" and float(service["RestartSec"]) <= 5
        assert unit["Unit"]["StartLimitIntervalSec"] == "0"  # never gives up
        assert f"toasoan-{name}.service" in wanted
        # The same program and arguments, paths aside.
        words = [w for w in command.split() if "/" not in w]
        assert [w for w in service["ExecStart"].split() if "/" not in w] == words, name


def test_the_app_writes_its_beacons_where_the_spool_reader_reads():
    """Beacons that reach gunicorn directly (not through nginx) are kept in the folder the spool unit reads."""
    reader = _unit(UNITS / "toasoan-spool.service")["Service"]["ExecStart"].split()
    folder = reader[reader.index("--dir") + 1]
    web = dict(item.split("=", 1) for item in _unit(UNITS / "toasoan-web.service")["Service"]["Environment"].split())
    assert web["BEACON_SPOOL_DIR"] == folder
    script = (REPO / "deploy" / "prod-local.sh").read_text()
    assert "export BEACON_SPOOL_DIR=${BEACON_SPOOL_DIR:-$RUN_DIR/beacons}" in script
    assert "spool_views --dir $RUN_DIR/beacons" in script


def test_toasoan_serve_reads_the_app_spool_or_flushes_redis(settings):
    from toasoan.core.management.commands.serve import serve_programs

    settings.TOASOAN_BEACON_SPOOL_DIR = "/srv/bao/beacons"
    programs = {p.name: p.argv for p in serve_programs(host="127.0.0.1", port=8123, workers=1)}
    assert programs["spool"][-5:] == ["spool_views", "--dir", "/srv/bao/beacons", "--every", "1"]
    assert "flusher" not in programs
    settings.TOASOAN_BEACON_SPOOL_DIR = "off"
    settings.TOASOAN_ANALYTICS_REDIS_URL = "redis://127.0.0.1:1/0"
    programs = {p.name: p.argv for p in serve_programs(host="127.0.0.1", port=8123, workers=1)}
    assert "spool" not in programs and "flush_views" in programs["flusher"]


def test_the_front_comes_first_under_systemd_as_under_the_supervisor():
    """Debian's nginx.service gets the real-time priority that `toasoan supervise --readers-first front` gives it."""
    from toasoan.core.cpugroup import FRONT_PRIORITY

    script = (REPO / "deploy" / "prod-local.sh").read_text()
    assert "--readers-first front" in script and "--behind-readers worker" in script
    drop_in = _unit(UNITS / "nginx.service.d" / "toasoan-readers-first.conf")["Service"]
    assert drop_in["CPUSchedulingPolicy"] == "fifo" and int(drop_in["CPUSchedulingPriority"]) == FRONT_PRIORITY
