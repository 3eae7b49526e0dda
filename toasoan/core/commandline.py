"""Vietnamese on the command line: argparse's usage and errors, Django's shared options, command errors.

argparse looks its messages up through the module-level names ``_`` and ``ngettext`` it imported from
the standard ``gettext`` module, so pointing those two names at Django's translation (the project's
catalogue, ``LANGUAGE_CODE`` = vi) turns "usage:", "error:", "invalid choice" and the rest Vietnamese.
Django writes its own option help and some command errors without gettext; ``localize_command`` gives
one command instance Vietnamese help for those options and prints its ``CommandError`` as "Lỗi: …".
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from difflib import get_close_matches
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management import BaseCommand, CommandError
from django.core.management.base import SystemCheckError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext, ngettext

from toasoan.core.command_help import COMMANDS

# Help of the options Django adds to every command (BaseCommand.create_parser), by option string.
_BASE_OPTION_METAVAR: dict[str, Callable[[], str]] = {
    "--settings": lambda: gettext("SETTINGS_MODULE"),
    "--pythonpath": lambda: gettext("FOLDER"),
}
_BASE_OPTION_HELP: dict[str, Callable[[], str]] = {
    "--version": lambda: gettext("Show the program's version and exit."),
    "--verbosity": lambda: gettext(
        "How much to print: 0 = least, 1 = normal, 2 = more, 3 = everything."
    ),
    "--settings": lambda: gettext(
        "Python path of the settings module, e.g. \"toasoan.settings.prod\"; without it the "
        "DJANGO_SETTINGS_MODULE environment variable is used."
    ),
    "--pythonpath": lambda: gettext("A folder to add to the Python path, e.g. \"/home/toasoan\"."),
    "--traceback": lambda: gettext("Show the full traceback when the command fails."),
    "--no-color": lambda: gettext("Print without colours."),
    "--force-color": lambda: gettext("Always print colours."),
    "--skip-checks": lambda: gettext("Skip the system checks."),
    "--help": lambda: gettext("Show this help and exit."),
}

# Errors Django's own commands raise in English, matched and said again in Vietnamese.
_KNOWN_ERRORS: list[tuple[re.Pattern[str], Callable[[], str]]] = [
    (re.compile(r"^user '(?P<username>.*)' does not exist$"),
     lambda: gettext("There is no user named «%(username)s».")),
    (re.compile(r"^Aborting password change for user '(?P<username>.*)' after (?P<count>\d+) attempts$"),
     lambda: gettext("Password change for «%(username)s» stopped after %(count)s attempts.")),
    (re.compile(r"^You must use --(?P<option>[\w-]+) with --noinput\.$"),
     lambda: gettext("--noinput needs --%(option)s as well.")),
    (re.compile(r"^(?:Error: )?(?P<detail>.+)$", re.DOTALL), lambda: "%(detail)s"),
]


def _argparse_gettext(message: str) -> str:
    return gettext(message) if message else message


def _argparse_ngettext(singular: str, plural: str, number: int) -> str:
    return ngettext(singular, plural, number)


def install_argparse_translation() -> None:
    """Make every argparse parser from now on speak the active language (call after django.setup())."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def command_error_text(*, message: str) -> str:
    """A CommandError's message in Vietnamese: Django's known English errors said again, others as they are."""
    for pattern, text in _KNOWN_ERRORS:
        match = pattern.match(message)
        if match:
            return text() % match.groupdict()
    return message


def unknown_command_text(*, typed: str, known: list[str], prog: str) -> str:
    """What to print for a command name that does not exist, with the closest real name if any."""
    lines = [gettext("There is no command «%(command)s».") % {"command": typed}]
    close = get_close_matches(typed, known, n=1)
    if close:
        lines.append(gettext("Did you mean «%(command)s»?") % {"command": close[0]})
    lines.append(gettext("Type «%(prog)s --help» to see the commands.") % {"prog": prog})
    return "\n".join(lines) + "\n"


def command_list_text(*, commands: dict[str, str], prog: str) -> str:
    """Every management command, grouped by the app that brings it (``toasoan django-help``)."""
    by_app: dict[str, list[str]] = {}
    for name, app in commands.items():
        by_app.setdefault(app.rpartition(".")[2], []).append(name)
    lines = [gettext("Type «%(prog)s help COMMAND» for a command's options. Commands:") % {"prog": prog}]
    for app in sorted(by_app):
        lines.append(f"\n[{app}]")
        lines.extend(f"    {name}" for name in sorted(by_app[app]))
    return "\n".join(lines) + "\n"


def localize_command(command: BaseCommand) -> BaseCommand:
    """Give one command instance Vietnamese help for Django's shared options and Vietnamese errors."""
    create_parser = command.create_parser
    execute = command.execute

    texts = COMMANDS.get(type(command).__module__.rpartition(".")[2])

    def create_vietnamese_parser(prog_name: str, subcommand: str, **kwargs: Any) -> argparse.ArgumentParser:
        parser = create_parser(prog_name, subcommand, **kwargs)
        if texts is not None:  # a Django or library command: its own help, from the table
            if texts.description is not None:  # None: the command's own help already says it in Vietnamese
                parser.description = str(texts.description)
            for action in parser._actions:
                argument = texts.arguments.get(action.dest)
                if argument is not None:
                    action.help = str(argument.help)
                    if argument.metavar is not None:
                        action.metavar = str(argument.metavar)
        for action in parser._actions:
            for option in action.option_strings:
                if option in _BASE_OPTION_HELP:
                    action.help = _BASE_OPTION_HELP[option]()
                if option in _BASE_OPTION_METAVAR:
                    action.metavar = _BASE_OPTION_METAVAR[option]()
        return parser

    def execute_with_vietnamese_errors(*args: Any, **options: Any) -> Any:
        try:
            return execute(*args, **options)
        except CommandError as exc:
            if options.get("traceback") or isinstance(exc, SystemCheckError):
                raise
            text = command_error_text(message=str(exc))
            command.stderr.write(gettext("Error: %(message)s") % {"message": text})
            raise SystemExit(exc.returncode) from None

    def check_migrations_in_vietnamese() -> None:
        from django.db.migrations.executor import MigrationExecutor

        try:
            executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        except ImproperlyConfigured:  # no database configured
            return
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            waiting = sorted({migration.app_label for migration, _backwards in plan})
            command.stdout.write(command.style.NOTICE(gettext(
                "\n%(count)s database migration(s) not applied yet, for: %(apps)s. The paper may not work properly "
                "until they are: run «toasoan migrate» (or «toasoan setup»).") % {
                    "count": len(plan), "apps": ", ".join(waiting)}))

    command.create_parser = create_vietnamese_parser  # type: ignore[method-assign]
    command.check_migrations = check_migrations_in_vietnamese  # type: ignore[method-assign]
    command.execute = execute_with_vietnamese_errors  # type: ignore[method-assign]
    return command
