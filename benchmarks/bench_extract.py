"""How many liveblog-sized documents per second `mapapp extract` handles, start-up included.

Makes a batch of 100 documents of about 5 KB (the seed liveblog, shuffled into new
paragraph orders so no two are identical), then times:

* ``mapapp extract`` as a fresh subprocess (interpreter start, imports, gazetteer load);
* the extraction alone, in-process, with the gazetteer already loaded;
* a naive baseline: ``dateparser.search.search_dates`` on every sentence (what the
  extractor avoids by parsing relative dates itself and calling dateparser only on
  candidate absolute-date spans).

Run: ``python benchmarks/bench_extract.py [N]``.  Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapapp.extract import document_from_text, extract_documents, split_sentences  # noqa: E402

SEED = ROOT / "seeds" / "000_b6686d985d54f9ba.txt"


def make_batch(directory: Path, count: int) -> list[Path]:
    text = SEED.read_text(encoding="utf-8")
    header, body = text[:14], text[14:]
    paragraphs = body.split("\n\n")
    rng = random.Random(6)
    paths = []
    for i in range(count):
        shuffled = paragraphs[:]
        rng.shuffle(shuffled)
        path = directory / f"doc_{i:03d}.txt"
        path.write_text(header + "\n\n".join(shuffled), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_batch(Path(tmp), count)
        size = sum(p.stat().st_size for p in paths) / count
        print(f"batch: {count} documents, {size / 1024:.1f} KB each")

        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "mapapp", "extract", *map(str, paths), "-o", str(Path(tmp) / "o.csv")],
                       check=True, cwd=ROOT, capture_output=True)
        cli = time.perf_counter() - started
        print(f"mapapp extract (fresh process): {cli:.2f} s  → {count / cli:.1f} docs/s (goal ≥ 20)")

        from mapapp.gazetteer import load_gazetteer

        started = time.perf_counter()
        gazetteer = load_gazetteer()
        print(f"gazetteer load: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        extract_documents([str(p) for p in paths], gazetteer=gazetteer)
        warm = time.perf_counter() - started
        print(f"extraction only (gazetteer loaded): {warm:.2f} s  → {count / warm:.1f} docs/s")

        from dateparser.search import search_dates

        sample = paths[: max(1, count // 10)]
        started = time.perf_counter()
        for path in sample:
            doc = document_from_text(path.read_text(encoding="utf-8"), path.name)
            for sentence in split_sentences(doc.text):
                search_dates(sentence.text, languages=["nl", "en"])
        naive = (time.perf_counter() - started) / len(sample)
        print(f"naive baseline, dateparser.search_dates on every sentence: {naive * 1000:.0f} ms/doc "
              f"→ {1 / naive:.1f} docs/s (dates only)")
        print(f"ratio: extraction is {naive / (warm / count):.1f}x faster per document than the naive date pass alone")


if __name__ == "__main__":
    main()
