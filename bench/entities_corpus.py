"""Real news text for the entity bench: the VNDS corpus, read from a local copy, never committed.

Corpus: VNDS ("vietnews"), Vietnamese news articles (Tuổi Trẻ, VnExpress, Người Đưa Tin, 2016-2018)
published for summarisation research by Nguyen Van-Hau et al. (NICS 2019), repository
``github.com/ThanhChinhBK/vietnews``. The repository carries no licence file: it is read here at
development time only, and the project commits nothing of its text, only its own labels, character
offsets and the corpus's own document ids (``test_tokenized/000001``) — see
``bench/data/entities/LABELLING.md``.

Get it: ``git clone https://github.com/ThanhChinhBK/vietnews /work/corpora/vietnews`` (a checkout, or a
bare git directory of it; both are read), then

    .venv/bin/python bench/entities_corpus.py --corpus /work/corpora/vietnews check
    .venv/bin/python bench/entities_eval.py --corpus /work/corpora/vietnews

The files are word-segmented ("Hồ_Xuân_Huy", spaces around punctuation). :func:`detokenize` turns them
back into ordinary text, deterministically; labels and offsets refer to its output, cut to the labelled
*window* of each article: the title, the lead and the following paragraphs up to ``WINDOW`` characters
(whole lines). The split into a tuning half and a test half is fixed by a hash of the document id.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "data" / "entities" / "vnds_labels.jsonl"
WINDOW = 800
FOLDER = "data/test_tokenized"

_NO_SPACE_BEFORE = set(",.;:!?)]}…%")
_NO_SPACE_AFTER = set("([{")
_OPEN_QUOTES = set("“‘«")
_CLOSE_QUOTES = set("”’»")


def split_of(doc_id: str) -> str:
    """'tune' or 'test', fixed forever by the document id."""
    # A different hash from the one that picks the sample, so the halves do not follow the sampling order.
    return "tune" if hashlib.sha256(f"split:{doc_id}".encode()).digest()[-1] % 2 == 0 else "test"


def _detokenize_line(line: str) -> str:
    pieces = line.replace("_", " ").split(" ")
    out: list[str] = []
    straight_open = False
    glue_next = False
    for piece in pieces:
        if not piece:
            continue
        glue = glue_next or not out
        glue_next = False
        if piece == '"':
            if straight_open:
                glue = True
            else:
                glue_next = True
            straight_open = not straight_open
        elif piece in _OPEN_QUOTES or piece in _NO_SPACE_AFTER:
            glue_next = True
        elif (
            piece in _CLOSE_QUOTES or (len(piece) == 1 and piece in _NO_SPACE_BEFORE) or piece == "..." or piece == "/"
        ):
            glue = True
        if out and out[-1] == "/":
            glue = True
        out.append(piece if glue or not out else " " + piece)
    return "".join(out).strip()


def detokenize(raw: str) -> str:
    """Ordinary text from a segmented VNDS file: one paragraph a line, no empty lines."""
    raw = unicodedata.normalize("NFC", raw)
    lines = [_detokenize_line(line) for line in raw.splitlines()]
    return "\n".join(line for line in lines if line)


def window(text: str, limit: int = WINDOW) -> str:
    """The labelled part of an article: whole lines while the total stays within ``limit`` (at least two)."""
    kept: list[str] = []
    total = 0
    for line in text.split("\n"):
        if len(kept) >= 2 and total + len(line) > limit:
            break
        kept.append(line)
        total += len(line) + 1
    return "\n".join(kept)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


class Corpus:
    """A checkout or a git directory of the VNDS repository."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.git = not (path / FOLDER).is_dir()
        if self.git and not ((path / "HEAD").exists() or (path / ".git").exists()):
            raise SystemExit(f"Không thấy kho VNDS ở {path}: cần thư mục chứa {FOLDER}/ hoặc một thư mục git.")

    def ids(self) -> list[str]:
        if not self.git:
            names = sorted(p.name for p in (self.path / FOLDER).iterdir())
        else:
            out = subprocess.run(
                ["git", f"--git-dir={self._git_dir()}", "ls-tree", "--name-only", "HEAD", f"{FOLDER}/"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            names = sorted(Path(line).name for line in out.splitlines())
        return [f"test_tokenized/{name.removesuffix('.txt.seg')}" for name in names if name.endswith(".txt.seg")]

    def _git_dir(self) -> Path:
        return self.path / ".git" if (self.path / ".git").exists() else self.path

    def raw(self, doc_id: str) -> str:
        relative = f"data/{doc_id}.txt.seg"
        if not self.git:
            return (self.path / relative).read_text(encoding="utf-8")
        return subprocess.run(
            ["git", f"--git-dir={self._git_dir()}", "show", f"HEAD:{relative}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def text(self, doc_id: str) -> str:
        return window(detokenize(self.raw(doc_id)))


def sample(ids: list[str], count: int) -> list[str]:
    """The documents to label: the first ``count`` ids by hash (no choice by content)."""
    return sorted(ids, key=lambda doc: hashlib.sha1(doc.encode("utf-8"), usedforsecurity=False).hexdigest())[:count]


def load_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _spans(text: str, surface: str) -> list[list[int]]:
    found = []
    for match in re.finditer(re.escape(surface), text, flags=re.IGNORECASE):
        a, b = match.span()
        before = text[a - 1] if a else " "
        after = text[b] if b < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            found.append([a, b])
    return found


def check(corpus: Corpus, rows: list[dict]) -> int:
    """Every label's offsets point at its text in the corpus; the corpus is the one labelled."""
    problems = 0
    for row in rows:
        text = corpus.text(row["doc"])
        if digest(text) != row["sha1"]:
            print(f"[{row['doc']}] văn bản khác bản đã gán nhãn (sha1 {digest(text)} ≠ {row['sha1']})")
            problems += 1
            continue
        for kind in ("persons", "organisations", "places"):
            for item in row[kind]:
                for a, b in item["mentions"]:
                    if text[a:b].casefold() not in {n.casefold() for n in [item["name"], *item.get("aliases", [])]}:
                        print(f"[{row['doc']}] {kind} {item['name']!r}: offsets {a}-{b} give {text[a:b]!r}")
                        problems += 1
    print(f"{len(rows)} bài, {problems} lỗi")
    return 1 if problems else 0


def build(corpus: Corpus, source: Path, out: Path) -> int:
    """Turn the hand-written label file (``## id`` then ``P``/``O``/``L`` lines) into JSON lines with offsets.

    ``P Name = Position; Position | alias, alias`` — a person, what the text says they hold, and the
    short forms the text uses for them; ``O Name``, ``L Name``: an organisation, a place.
    """
    rows: list[dict] = []
    current: dict | None = None
    problems = 0
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#!"):
            continue
        if line.startswith("## "):
            doc = line[3:].strip()
            text = corpus.text(doc)
            current = {
                "doc": doc,
                "split": split_of(doc),
                "sha1": digest(text),
                "chars": len(text),
                "persons": [],
                "organisations": [],
                "places": [],
                "_text": text,
            }
            rows.append(current)
            continue
        derived = line.startswith("O~ ")
        if derived:  # an organisation the text names through a position only: "Vụ trưởng Vận tải" -> "Vụ Vận tải"
            line = "O " + line[3:]
        if current is None or line[:2] not in ("P ", "O ", "L "):
            print(f"dòng {number}: không hiểu {line!r}")
            problems += 1
            continue
        text = current["_text"]
        kind, body = line[0], line[2:].strip()
        aliases: list[str] = []
        positions: list[str] = []
        if kind == "P" and "|" in body:
            body, alias_text = body.split("|", 1)
            aliases = [a.strip() for a in alias_text.split(",") if a.strip()]
        if kind == "P" and "=" in body:
            body, position_text = body.split("=", 1)
            positions = [p.strip() for p in position_text.split(";") if p.strip()]
        name = body.strip()
        mentions = _spans(text, name)
        for alias in aliases:
            mentions += [span for span in _spans(text, alias) if not any(a <= span[0] < b for a, b in mentions)]
        if not _spans(text, name) and not derived:
            print(f"[{current['doc']}] dòng {number}: {name!r} không có trong văn bản")
            problems += 1
        for position in positions:
            if position.casefold() not in text.casefold():
                print(f"[{current['doc']}] dòng {number}: chức vụ {position!r} không có trong văn bản")
                problems += 1
        item: dict = {"name": name, "mentions": sorted(mentions)}
        if derived:
            item["derived"] = True
        if kind == "P":
            item["positions"] = positions
            if aliases:
                item["aliases"] = aliases
            current["persons"].append(item)
        else:
            current["organisations" if kind == "O" else "places"].append(item)
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            row.pop("_text")
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} bài ghi vào {out}; {problems} lỗi")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="bản sao của kho VNDS (thư mục hoặc git)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="kiểm tra offsets của nhãn với corpus")
    show = sub.add_parser("show", help="in các bài (cửa sổ được gán nhãn) để đọc")
    show.add_argument("--count", type=int, default=320)
    show.add_argument("--start", type=int, default=0)
    show.add_argument("--size", type=int, default=20)
    make = sub.add_parser("build", help="dựng vnds_labels.jsonl từ tệp nhãn viết tay")
    make.add_argument("source", type=Path)
    make.add_argument("--out", type=Path, default=LABELS)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"Không có {args.corpus}. Lấy corpus: git clone https://github.com/ThanhChinhBK/vietnews {args.corpus}")
        return 2
    corpus = Corpus(args.corpus)
    if args.command == "check":
        return check(corpus, load_labels())
    if args.command == "build":
        return build(corpus, args.source, args.out)
    for doc in sample(corpus.ids(), args.count)[args.start : args.start + args.size]:
        print(f"## {doc}\n{corpus.text(doc)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
