"""Minimal reader and writer of gettext catalogues (.po in, .mo out), so no GNU gettext is needed."""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str
    msgstr: str = ""
    msgid_plural: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    msgctxt: str | None = None
    references: list[str] = field(default_factory=list)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        if self.fuzzy:
            return False
        if self.msgid_plural:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)


def _unquote(line: str) -> str:
    return ast.literal_eval(line)


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    refs: list[str] = []
    fuzzy = False
    target: tuple[str, int | None] | None = None

    def flush():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            refs, fuzzy, target = [], False, None
            continue
        if line.startswith("#:"):
            flush()
            refs.extend(line[2:].split())
            continue
        if line.startswith("#,"):
            flush()
            fuzzy = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        value = _unquote(line) if line.startswith('"') else _unquote(rest) if rest else ""
        if keyword == "msgctxt":
            flush()
            current = Entry(msgid="", msgctxt=value, references=refs, fuzzy=fuzzy)
            target = ("msgctxt", None)
        elif keyword == "msgid":
            if current is None or target != ("msgctxt", None):
                flush()
                current = Entry(msgid="", references=refs, fuzzy=fuzzy)
            current.msgid = value
            target = ("msgid", None)
        elif keyword == "msgid_plural":
            current.msgid_plural = value
            target = ("msgid_plural", None)
        elif keyword.startswith("msgstr["):
            index = int(keyword[7:-1])
            current.msgstr_plural[index] = value
            target = ("msgstr_plural", index)
        elif keyword == "msgstr":
            current.msgstr = value
            target = ("msgstr", None)
        elif line.startswith('"') and current is not None and target is not None:
            name, index = target
            if name == "msgstr_plural":
                current.msgstr_plural[index] += value
            elif name == "msgctxt":
                current.msgctxt = (current.msgctxt or "") + value
            else:
                setattr(current, name, getattr(current, name) + value)
    flush()
    return entries


def key(entry: Entry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid


def write_mo(entries: list[Entry], path: Path) -> int:
    """Write the translated entries (and the header) as a GNU .mo file; returns how many were written."""
    catalogue: dict[bytes, bytes] = {}
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            catalogue[b""] = entry.msgstr.encode("utf-8")
            continue
        if not entry.translated:
            continue
        msgid = key(entry)
        if entry.msgid_plural:
            msgid += "\x00" + entry.msgid_plural
            msgstr = "\x00".join(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        else:
            msgstr = entry.msgstr
        catalogue[msgid.encode("utf-8")] = msgstr.encode("utf-8")
    keys = sorted(catalogue)
    ids = strs = b""
    offsets = []
    for k in keys:
        offsets.append((len(ids), len(k), len(strs), len(catalogue[k])))
        ids += k + b"\x00"
        strs += catalogue[k] + b"\x00"
    header_size = 7 * 4
    key_start = header_size + len(keys) * 16
    value_start = key_start + len(ids)
    key_table = []
    value_table = []
    for id_off, id_len, str_off, str_len in offsets:
        key_table += [id_len, key_start + id_off]
        value_table += [str_len, value_start + str_off]
    output = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), header_size, header_size + len(keys) * 8, 0, 0)
    output += struct.pack(f"{len(key_table)}i", *key_table)
    output += struct.pack(f"{len(value_table)}i", *value_table)
    output += ids + strs
    path.write_bytes(output)
    return len(keys) - (1 if b"" in catalogue else 0)
