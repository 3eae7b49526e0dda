"""Precision and recall of the entity extractor on the labelled sentences in bench/data/entities/.

Run with ``.venv/bin/python bench/entities_eval.py`` (no Django settings needed). Names, positions,
organisations and places are compared per sentence after folding (case and diacritics ignored, so
"Tỉnh ủy"/"Tỉnh uỷ" and an ALL CAPS sentence still match). The last lines are one verdict per target.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toasoan.core.text import fold  # noqa: E402
from toasoan.entities.extraction import extract_entities  # noqa: E402

DATA = ROOT / "bench" / "data" / "entities" / "sentences.jsonl"
TARGETS = [
    ("persons_precision", "persons", "precision", 0.95),
    ("persons_recall", "persons", "recall", 0.90),
    ("pairs_precision", "pairs", "precision", 0.90),
    ("pairs_recall", "pairs", "recall", 0.85),
]
KINDS = ("persons", "pairs", "organisations", "places")


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
    return " ".join(fold(text).split())


def gold_sets(row: dict) -> dict[str, set]:
    persons = {_key(p["name"]) for p in row["persons"]}
    pairs = {(_key(p["name"]), _key(pos)) for p in row["persons"] for pos in p["positions"]}
    return {
        "persons": persons,
        "pairs": pairs,
        "organisations": {_key(o) for o in row["organisations"]},
        "places": {_key(p) for p in row["places"]},
    }


def predicted_sets(text: str) -> dict[str, set]:
    result = extract_entities(text)
    return {
        "persons": {_key(p.name) for p in result.people},
        "pairs": {(_key(p.name), _key(pos.text)) for p in result.people for pos in p.positions},
        "organisations": {_key(o.name) for o in result.organisations},
        "places": {_key(p.name) for p in result.places},
    }


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(rows: list[dict], *, show_errors: bool) -> dict[str, Score]:
    scores = {kind: Score() for kind in KINDS}
    for row in rows:
        gold = gold_sets(row)
        predicted = predicted_sets(row["text"])
        for kind in KINDS:
            scores[kind].add(predicted[kind], gold[kind])
            if show_errors and predicted[kind] != gold[kind]:
                print(
                    f"[{row['id']}] {kind}: missing {sorted(gold[kind] - predicted[kind])} "
                    f"extra {sorted(predicted[kind] - gold[kind])}"
                )
    return scores


def print_scores(title: str, rows: list[dict], scores: dict[str, Score]) -> None:
    print(f"== {title}: {len(rows)} sentences")
    for kind in KINDS:
        score = scores[kind]
        print(
            f"  {kind:<14} precision {score.precision:.3f}  recall {score.recall:.3f}  "
            f"(tp {score.true_positive}, predicted {score.predicted}, gold {score.gold})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="print every sentence that differs")
    args = parser.parse_args()
    rows = load(args.data)
    extract_entities("Khởi động: Bí thư Tỉnh ủy Nguyễn Văn A.")  # load the gazetteers once
    for split in sorted({row.get("split", "all") for row in rows}):
        part = [row for row in rows if row.get("split", "all") == split]
        print_scores(split, part, evaluate(part, show_errors=args.errors))
    scores = evaluate(rows, show_errors=False)
    print_scores("all", rows, scores)
    started = time.perf_counter()
    rounds = 3
    for _ in range(rounds):
        for row in rows:
            extract_entities(row["text"])
    elapsed = time.perf_counter() - started
    print(f"speed: {rounds * len(rows) / elapsed:.0f} sentences per second")
    for name, kind, measure, goal in TARGETS:
        value = getattr(scores[kind], measure)
        verdict = "PASS" if value >= goal else "FAIL"
        print(f"target {name}: {value:.2f} (goal >= {goal:.2f}) {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
