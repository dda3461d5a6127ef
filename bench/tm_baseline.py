#!/usr/bin/python3
"""tm_baseline.py - Translate Toolkit's matcher on the memory bench/tm_bench.sh built.

Usage: tm_baseline.py MEMORY.tsv QUERIES.txt GLOSSA.json SECONDS

Loads the pairs of MEMORY.tsv into a Translate Toolkit store and its
translate.search.match.matcher (min_similarity 75, max_candidates 1: more
candidates can raise TypeError on tied scores; max_length above the longest
text, since it skips longer ones), then answers queries in a shuffled order (fixed seed) until SECONDS have
passed: a sample of about SECONDS.
Prints the seconds per query, then how often Glossa's best match (from
GLOSSA.json, `glossa tm search --format json --limit 1`) is one that the
matcher scores within 2 points of its own best, over the sampled queries
where the matcher finds a match of 75 or more.
Run with /usr/bin/python3 (Debian's, which has translate-toolkit and
python3-levenshtein, so the matcher uses its C distance).
"""
import json
import random
import sys
import time

import Levenshtein  # noqa: F401  (fail here, not in a slow pure-Python fallback)
from translate.search import match
from translate.storage import base


def load(path):
    store = base.TranslationStore()
    longest = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            source, target = line.rstrip("\n").split("\t")
            unit = base.TranslationUnit(source)
            unit.target = target
            store.addunit(unit)
            longest = max(longest, len(source))
    return store, longest


def main():
    memory, queries_path, glossa_path, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    queries = open(queries_path, encoding="utf-8").read().splitlines()
    glossa = json.load(open(glossa_path, encoding="utf-8"))["results"]
    assert len(glossa) == len(queries), "Glossa answered %d of %d queries" % (len(glossa), len(queries))
    t0 = time.perf_counter()
    store, longest = load(memory)
    longest = max([longest] + [len(q) for q in queries]) + 1
    m = match.matcher(store, max_candidates=1, min_similarity=75, max_length=longest)
    print("translate-toolkit matcher: %d units loaded in %.1f s (max_length %d)"
          % (len(store.units), time.perf_counter() - t0, longest))
    order = list(range(len(queries)))
    random.Random(7).shuffle(order)
    with_match = agree = 0
    disagreements = []
    sample = 0
    t0 = time.perf_counter()
    for i in order:
        if time.perf_counter() - t0 >= seconds:
            break
        sample += 1
        q = queries[i]
        found = m.matches(q)
        if not found:
            continue
        best = m.comparer.similarity(q, found[0].source, 0)
        if best < 75:
            continue
        with_match += 1
        ours = glossa[i]["matches"]
        score = m.comparer.similarity(q, ours[0]["source"], 0) if ours else 0
        if score >= best - 2:
            agree += 1
        elif len(disagreements) < 3:
            disagreements.append((q, found[0].source, best, ours[0]["source"] if ours else None, score))
    elapsed = time.perf_counter() - t0
    print("translate-toolkit matcher: %d sampled queries in %.1f s: %.4f s per query"
          % (sample, elapsed, elapsed / sample))
    print("tt_seconds_per_query %.6f" % (elapsed / sample))
    share = agree / with_match if with_match else 0
    print("agreement: on %d sampled queries with a match >= 75, Glossa's best is within 2 points of "
          "the matcher's best %d times: %.1f%% (target >= 95%%)" % (with_match, agree, 100 * share))
    for d in disagreements:
        print("  query:  %s\n  theirs: %.2f %s\n  ours:   %.2f %s" % (d[0], d[2], d[1], d[4], d[3]))
    print("agreement_share %.4f" % share)


if __name__ == "__main__":
    main()
