#!/usr/bin/env python3
"""tm_corpus.py - a generated translation memory and queries for bench/tm_bench.sh.

Usage: tm_corpus.py N QUERIES OUTDIR [--seed S]

Writes OUTDIR/memory.tmx (TMX 1.4, en -> fr, N units), OUTDIR/memory.tsv (the
same pairs, source TAB target, for the baseline) and OUTDIR/queries.txt (one
English text per line). Same arguments, same bytes.

Memories of job openings repeat themselves with small changes, and so does
this one: sentences come in families (a base sentence built from the
vocabulary of vacancy notices, and variants of it with one to three words
replaced, dropped or added, a number or a date changed), about ten per
family. Queries: 60% new variants of a family (not in the memory), 10%
sentences of the memory as they are, 30% new sentences (mostly no match).
Sentences have 6 to 40 words. Plain text: no inline codes (a plain query
cannot carry one, and the baseline compares characters).
"""
import argparse
import os
import random
import zlib
from xml.sax.saxutils import escape

NOUNS = """application candidate post position vacancy notice programme officer team unit division branch
office country region project portfolio budget report policy strategy partner government ministry agency
organization committee board member staff supervisor manager director coordinator specialist analyst
assistant consultant expert network workshop meeting consultation survey assessment evaluation review
water energy climate health education gender youth women farmer community city village market
data system platform tool guideline standard framework plan proposal contract grant donor fund resource
training course skill language degree experience knowledge qualification competency requirement duty
station contract salary allowance benefit leave travel mission deadline date interview test reference""".split()
VERBS = """manage coordinate draft prepare review organize support lead develop implement monitor assess
analyse report advise maintain ensure promote facilitate represent negotiate design deliver plan
oversee conduct provide contribute strengthen collect submit apply complete attach upload""".split()
ADJS = """technical regional national international senior junior relevant strong excellent good
effective sustainable inclusive strategic operational financial administrative written oral fluent
advanced basic annual quarterly monthly successful qualified eligible external internal""".split()
GLUE = """the the the a an of of to to in in for with on by from and and or including within across""".split()
MONTHS = "January February March April May June July August September October November December".split()
FR = """le la les un une des de du et ou avec pour dans sur par poste candidat équipe bureau pays région
projet budget rapport politique partenaire gouvernement ministère organisation comité personnel
responsable directeur expert réseau atelier réunion évaluation eau énergie climat santé éducation
jeunesse femmes agriculteurs communauté données système formation langue diplôme expérience gérer
coordonner rédiger préparer examiner organiser appuyer diriger élaborer suivre technique régional
national international principal pertinent solide excellent efficace durable""".split()


def word(r):
    k = r.random()
    if k < 0.35:
        return r.choice(GLUE)
    if k < 0.65:
        return r.choice(NOUNS)
    if k < 0.80:
        return r.choice(VERBS)
    if k < 0.95:
        return r.choice(ADJS)
    if k < 0.975:
        return str(r.randint(1, 2000))
    return "%d %s %d" % (r.randint(1, 28), r.choice(MONTHS), r.randint(2024, 2030))


def sentence(r):
    n = max(6, min(40, int(r.triangular(6, 40, 14))))
    words = [word(r) for _ in range(n)]
    words[0] = words[0].capitalize()
    tail = r.choice([".", ".", ".", ";", ":", "."])
    if r.random() < 0.3:
        words.insert(r.randint(2, len(words)), ",")
    return " ".join(words).replace(" ,", ",") + tail


def variant(r, s):
    words = s[:-1].split(" ")
    for _ in range(r.randint(1, 3)):
        k = r.random()
        at = r.randrange(len(words))
        if k < 0.5:
            words[at] = word(r)
        elif k < 0.75 and len(words) > 6:
            del words[at]
        else:
            words.insert(at, word(r))
    return " ".join(words) + s[-1]


def target(r, s):
    return " ".join(FR[zlib.crc32(w.encode()) % len(FR)] for w in s[:-1].split(" ")) + s[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("queries", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=19)
    a = ap.parse_args()
    r = random.Random(a.seed)
    bases, memory, seen = [], [], set()
    while len(memory) < a.n:
        if not bases or r.random() < 0.1:
            bases.append(sentence(r))
            s = bases[-1]
        else:
            s = variant(r, r.choice(bases[-2000:]) if r.random() < 0.7 else r.choice(bases))
        if s not in seen:
            seen.add(s)
            memory.append(s)
    os.makedirs(a.outdir, exist_ok=True)
    fr = random.Random(a.seed + 1)
    with open(os.path.join(a.outdir, "memory.tmx"), "w", encoding="utf-8") as tmx, \
            open(os.path.join(a.outdir, "memory.tsv"), "w", encoding="utf-8") as tsv:
        tmx.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header creationtool="tm_corpus.py" creationtoolversion="1" segtype="sentence" '
                  'o-tmf="plain" adminlang="en" srclang="en" datatype="plaintext"/>\n<body>\n')
        for s in memory:
            t = target(fr, s)
            tmx.write('<tu><tuv xml:lang="en"><seg>%s</seg></tuv><tuv xml:lang="fr"><seg>%s</seg></tuv></tu>\n'
                      % (escape(s), escape(t)))
            tsv.write("%s\t%s\n" % (s, t))
        tmx.write("</body>\n</tmx>\n")
    with open(os.path.join(a.outdir, "queries.txt"), "w", encoding="utf-8") as q:
        for _ in range(a.queries):
            k = r.random()
            if k < 0.6:
                s = variant(r, r.choice(bases))
            elif k < 0.7:
                s = r.choice(memory)
            else:
                s = sentence(r)
            q.write(s + "\n")


if __name__ == "__main__":
    main()
