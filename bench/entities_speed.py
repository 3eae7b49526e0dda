"""CPU of entity extraction per text, and a digest of everything it found, to compare two versions of the rules.

Reads real news text (the VNDS corpus, a local copy as in ``bench/entities_corpus.py``; nothing of it is committed)
and the text pages ``bench/import_bench.py`` generates, then runs ``extract_entities`` over all of them, best of
``--rounds`` (the machine may be shared). The digest covers the whole result: people, positions, organisations,
places, every mention's offsets and the sentences. A change meant only to be quicker keeps the digest; with
``--save FILE`` the results are written, with ``--compare FILE`` the texts whose result differs are listed.

    .venv/bin/python bench/entities_speed.py --corpus /work/corpora/vietnews --texts 1500 --save /tmp/before.json
    .venv/bin/python bench/entities_speed.py --corpus /work/corpora/vietnews --texts 1500 --compare /tmp/before.json

Ends with ``target entities_extract_ms_per_text: MS (goal <= 2.0)``: an import's budget for 200 stories per CPU
second is 5 ms a story, of which extraction may take at most this.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toasoan.settings.dev")

GOAL_MS = 2.0


def texts_for(corpus_path: Path | None, count: int) -> list[str]:
    from entities_corpus import Corpus
    from import_bench import write_sources

    texts: list[str] = []
    if corpus_path is not None:
        corpus = Corpus(corpus_path)
        texts += [corpus.text(doc_id) for doc_id in corpus.ids()[:count]]
    with tempfile.TemporaryDirectory(prefix="entities-speed-") as tmp:
        folder = write_sources(Path(tmp), max(1, count // 5), ("text",))["text"]
        texts += [path.read_text(encoding="utf-8") for path in sorted(folder.iterdir())]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="a copy of the VNDS repository (without it: bench pages only)")
    parser.add_argument("--texts", type=int, default=1500, help="corpus articles (and a fifth as many bench pages)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()

    import django

    django.setup()
    from toasoan.entities.extraction import extract_entities

    texts = texts_for(args.corpus, args.texts)
    extract_entities("Ông Nguyễn Văn An, Chủ tịch UBND tỉnh Nghệ An.")  # the word lists, loaded once: not timed
    best = float("inf")
    results: list = []
    for _ in range(max(1, args.rounds)):
        start = time.process_time()
        results = [extract_entities(text) for text in texts]
        best = min(best, time.process_time() - start)
    found = json.loads(json.dumps([dataclasses.asdict(result) for result in results], ensure_ascii=False))
    blob = json.dumps(found, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha1(blob.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    per_text = 1000 * best / max(1, len(texts))
    print(f"{len(texts)} texts, {sum(map(len, texts))} characters: {best:.2f} s CPU (best of {args.rounds}), "
          f"{per_text:.2f} ms a text; results digest {digest}")
    if args.save:
        args.save.write_text(blob, encoding="utf-8")
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differ = [i for i, (old, new) in enumerate(zip(before, found, strict=False)) if old != new]
        differ += list(range(min(len(before), len(found)), max(len(before), len(found))))
        print(f"{len(differ)} texts found otherwise than in {args.compare}: {differ[:20]}")
    print(f"target entities_extract_ms_per_text: {per_text:.2f} (goal <= {GOAL_MS}) "
          f"{'PASS' if per_text <= GOAL_MS else 'FAIL'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
