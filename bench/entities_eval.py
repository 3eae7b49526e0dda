"""Precision and recall of the entity extractor: on the project's own sentences and on real news.

    .venv/bin/python bench/entities_eval.py                               # own sentences only
    .venv/bin/python bench/entities_eval.py --corpus /work/corpora/vietnews   # + real news, both halves
    .venv/bin/python bench/entities_eval.py --corpus ... --errors          # errors: own set and TUNING half only

Own set: ``bench/data/entities/sentences.jsonl`` (written for the project). Real news:
``bench/data/entities/vnds_labels.jsonl``, 300+ articles of the VNDS corpus labelled by hand (see
``LABELLING.md`` there and ``bench/entities_corpus.py`` for how to get the corpus; its text is never
committed). The articles are split for good into a *tune* half and a *test* half by a hash of the
document id: rules are tuned on the tune half only, and ``--errors`` never prints the test half.

Speed is measured in CPU time (best of three passes), so other work on the machine does not lower it; the
wall-clock figure is printed beside it.

Comparison is per sentence (own set) or per article window (real news), after folding (case,
diacritics, dots: "TP. HCM" = "TP HCM"). A predicted person counts once for the labelled person whose
name or whose written variant ("Sergey Skripal" for "Sergei Skripal") it equals; a short form left
unresolved ("Biden") is an error. Organisations are compared without a leading descriptor ("hãng",
"báo", "tờ", "đài", "công ty"...), which the guide leaves to the writer. The last lines are one
verdict per target; the real-news targets are measured on the test half.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from toasoan.core.text import fold  # noqa: E402
from toasoan.entities.extraction import extract_entities  # noqa: E402

DATA = ROOT / "bench" / "data" / "entities" / "sentences.jsonl"
OWN_TARGETS = [
    ("persons_precision", "persons", "precision", 0.95),
    ("persons_recall", "persons", "recall", 0.90),
    ("pairs_precision", "pairs", "precision", 0.90),
    ("pairs_recall", "pairs", "recall", 0.85),
]
REAL_TARGETS = [
    ("real_test_persons_precision", "persons", "precision", 0.95),
    ("real_test_persons_recall", "persons", "recall", 0.90),
    ("real_test_pairs_precision", "pairs", "precision", 0.93),
    ("real_test_organisations_precision", "organisations", "precision", 0.90),
    ("real_test_places_precision", "places", "precision", 0.97),
]
SPEED_GOAL = 1000
KINDS = ("persons", "pairs", "organisations", "places")
_ORG_DESCRIPTOR = re.compile(
    r"^(?:hang tin|hang bay|hang|to bao|to|bao dien tu|bao|dai truyen hinh|dai|tap chi|trang tin|trang|"
    r"kenh truyen hinh|cong ty|tong cong ty|tap doan|ctcp|co quan)\s+"
)


@dataclass
class Score:
    true_positive: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.true_positive += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.gold if self.gold else 1.0


def _key(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(fold(text).replace(".", " ").replace("’", "'").split()))


def _org_key(text: str) -> str:
    return _ORG_DESCRIPTOR.sub("", _key(text))


def gold_sets(row: dict) -> tuple[dict[str, set], dict[str, str]]:
    """Gold sets, and the map from every acceptable written name to the person's label name."""
    names: dict[str, str] = {}
    for person in row["persons"]:
        main = _key(person["name"])
        names[main] = main
        for alias in person.get("aliases", []):
            if len(alias.split()) >= 2 and len(_key(alias).split()) >= 2:
                names.setdefault(_key(alias), main)
    persons = {_key(p["name"]) for p in row["persons"]}
    pairs = {(_key(p["name"]), _key(pos)) for p in row["persons"] for pos in p["positions"]}
    organisations = {_org_key(o if isinstance(o, str) else o["name"]) for o in row["organisations"]}
    places = {_key(p if isinstance(p, str) else p["name"]) for p in row["places"]}
    return {"persons": persons, "pairs": pairs, "organisations": organisations, "places": places}, names


def predicted_sets(text: str, names: dict[str, str]) -> dict[str, set]:
    result = extract_entities(text)
    persons: set = set()
    extra = 0
    pairs: set = set()
    for person in result.people:
        if person.alone:  # never stored on its own (see services.find_person)
            continue
        key = names.get(_key(person.name), _key(person.name))
        if key in persons:  # a second record for one person: an error of identity
            extra += 1
            key = f"{key}#{extra}"
        persons.add(key)
        pairs.update((key, _key(pos.text)) for pos in person.positions)
    return {
        "persons": persons,
        "pairs": pairs,
        "organisations": {_org_key(o.name) for o in result.organisations},
        "places": {_key(p.name) for p in result.places},
    }


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(rows: list[dict], texts: list[str], *, show_errors: bool) -> dict[str, Score]:
    scores = {kind: Score() for kind in KINDS}
    for row, text in zip(rows, texts, strict=True):
        gold, names = gold_sets(row)
        predicted = predicted_sets(text, names)
        for kind in KINDS:
            scores[kind].add(predicted[kind], gold[kind])
            if show_errors and predicted[kind] != gold[kind]:
                print(
                    f"[{row.get('id') or row.get('doc')}] {kind}: missing {sorted(gold[kind] - predicted[kind])} "
                    f"extra {sorted(predicted[kind] - gold[kind])}"
                )
    return scores


def print_scores(title: str, count: int, unit: str, scores: dict[str, Score]) -> None:
    print(f"== {title}: {count} {unit}")
    for kind in KINDS:
        score = scores[kind]
        print(
            f"  {kind:<14} precision {score.precision:.3f}  recall {score.recall:.3f}  "
            f"(tp {score.true_positive}, predicted {score.predicted}, gold {score.gold})"
        )


def verdicts(targets: list, scores: dict[str, Score]) -> None:
    for name, kind, measure, goal in targets:
        value = getattr(scores[kind], measure)
        print(f"target {name}: {value:.3f} (goal >= {goal:.2f}) {'PASS' if value >= goal else 'FAIL'}")


def measure_speed(texts: list[str], *, rounds: int = 3) -> tuple[float, float]:
    """Texts per second of CPU time and of wall-clock time, best of ``rounds`` passes."""
    best_cpu = best_wall = 0.0
    for _ in range(rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        for text in texts:
            extract_entities(text)
        best_cpu = max(best_cpu, len(texts) / max(time.process_time() - cpu, 1e-9))
        best_wall = max(best_wall, len(texts) / max(time.perf_counter() - wall, 1e-9))
    return best_cpu, best_wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--corpus", type=Path, help="local copy of the VNDS repository (see bench/entities_corpus.py)")
    parser.add_argument("--errors", action="store_true", help="print what differs (own set and tuning half only)")
    parser.add_argument("--only-tune", action="store_true", help="while tuning: do not even score the test half")
    args = parser.parse_args()
    rows = load(args.data)
    extract_entities("Khởi động: Bí thư Tỉnh ủy Nguyễn Văn A.")  # load the gazetteers once
    for split in sorted({row.get("split", "all") for row in rows}):
        part = [row for row in rows if row.get("split", "all") == split]
        print_scores(
            f"own {split}", len(part), "sentences", evaluate(part, [r["text"] for r in part], show_errors=args.errors)
        )
    own = evaluate(rows, [r["text"] for r in rows], show_errors=False)
    print_scores("own all", len(rows), "sentences", own)

    real_test: dict[str, Score] | None = None
    real_texts: list[str] = []
    if args.corpus:
        import entities_corpus

        if not args.corpus.exists():
            print(
                f"Không có corpus ở {args.corpus}. Lấy corpus: "
                f"git clone https://github.com/ThanhChinhBK/vietnews {args.corpus}"
            )
            return 2
        corpus = entities_corpus.Corpus(args.corpus)
        labels = entities_corpus.load_labels()
        for split in ("tune",) if args.only_tune else ("tune", "test"):
            part = [row for row in labels if row["split"] == split]
            texts = [corpus.text(row["doc"]) for row in part]
            stale = [
                row["doc"] for row, text in zip(part, texts, strict=True) if entities_corpus.digest(text) != row["sha1"]
            ]
            if stale:
                print(f"corpus differs from the labelled one for {len(stale)} articles, e.g. {stale[0]}")
                return 2
            real_texts.extend(texts)
            scores = evaluate(part, texts, show_errors=args.errors and split == "tune")
            print_scores(f"real news, {split} half", len(part), "articles", scores)
            if split == "test":
                real_test = scores

    speed, wall = measure_speed([r["text"] for r in rows])
    print(f"speed, own sentences: {speed:.0f} sentences per CPU second ({wall:.0f} per wall-clock second on this "
          f"machine now; other processes slow the wall clock, not the CPU time)")
    if real_texts:
        real_speed, real_wall = measure_speed(real_texts)
        sentences = sum(len(extract_entities(text).sentence_spans) for text in real_texts)
        per_text = sentences / len(real_texts)
        print(f"speed, real news: {real_speed * per_text:.0f} sentences per CPU second "
              f"({len(real_texts)} articles, {sentences} sentences; {real_wall * per_text:.0f} per wall-clock second)")
    verdicts(OWN_TARGETS, own)
    if real_test is not None:
        verdicts(REAL_TARGETS, real_test)
    print(
        f"target speed_sentences_per_second: {speed:.0f} (goal >= {SPEED_GOAL}) "
        f"{'PASS' if speed >= SPEED_GOAL else 'FAIL'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
