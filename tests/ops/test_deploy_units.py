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
