#!/usr/bin/env python3
"""The sampling rule of the ANT gold set, written before any article was labelled or run
through Rasd. Prints `stratum<TAB>part<TAB>path` for the chosen files.

Rule:
1. Every `*.txt` file of ANT v2.1 under 20,000 bytes, sorted by path; a file whose TEXT is the
   same as an earlier file's (the corpus files one article under two categories) is dropped.
2. Strata, tested in this order on TITLE + TEXT (plain substring tests on the printed text):
   - libya: حفتر, حكومة الوفاق or الجيش الوطني الليبي;
   - yemen: الحوثي;
   - gaza: إسرائيل together with غزة or حماس.
3. Order inside each stratum by sha256("rasd-gold-ant-2026|" + path). Take the first 64 libya
   files (whatever their outlet: Libya is covered mostly by Sky News Arabia and France24), the
   first 12 yemen files of each of the five outlets, and the first 3 gaza files of each outlet.
4. Test part: files whose sha256("rasd-gold-split|" + path) starts with a hex digit whose
   value is divisible by 3 (0, 3, 6, 9, c, f: 6 of 16 digits, about 37%). Nothing is tuned on it.
5. Round 2 (`--round 2`, added to enlarge the set, same orderings): the next 40 libya files
   (65th to 104th), the next 8 yemen files of each outlet (13th to 20th) and the next 3 gaza
   files of each outlet (4th to 6th); the same test rule.
6. Round 3 (`--round 3`, written before its files were labelled or run through Rasd, same
   orderings): the next 40 libya files (105th to 144th), the next 10 yemen files of each outlet
   (21st to 30th) and the next 2 gaza files of each outlet (7th to 8th); the same test rule.
"""
import hashlib
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpora", "ant-v2.1")
OUTLETS = ["Alarabia", "BBC", "CNN", "France24", "SkyNews"]


def field(doc, name):
    m = re.search(r"<%s>(.*?)</%s>" % (name, name), doc, re.S)
    return m.group(1).strip() if m else ""


def digest(salt, path):
    return hashlib.sha256((salt + path).encode()).hexdigest()


def stratum(text):
    if any(w in text for w in ("حفتر", "حكومة الوفاق", "الجيش الوطني الليبي")):
        return "libya"
    if "الحوثي" in text:
        return "yemen"
    if "إسرائيل" in text and ("غزة" in text or "حماس" in text):
        return "gaza"
    return None


def main():
    argv = sys.argv[1:]
    rounds = {"1": 1, "2": 2, "3": 3}
    chosen_round = rounds.get(argv[argv.index("--round") + 1], 1) if "--round" in argv[:-1] else 1
    args = [a for i, a in enumerate(argv) if a != "--round" and (i == 0 or argv[i - 1] != "--round")]
    root = os.path.normpath(args[0] if args else ROOT)
    paths = []
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".txt") and name != "README.txt":
                full = os.path.join(dirpath, name)
                if os.path.getsize(full) < 20000:
                    paths.append(os.path.relpath(full, root))
    paths.sort()
    seen = set()
    strata = {"libya": [], "yemen": [], "gaza": []}
    for rel in paths:
        with open(os.path.join(root, rel), encoding="utf-8", errors="replace") as f:
            doc = f.read()
        body = field(doc, "TEXT")
        if body in seen:
            continue
        seen.add(body)
        s = stratum(field(doc, "TITLE") + "\n" + body)
        if s:
            strata[s].append(rel)
    chosen = []
    order = lambda p: digest("rasd-gold-ant-2026|", p)
    libya = {1: (0, 64), 2: (64, 104), 3: (104, 144)}[chosen_round]
    chosen += [("libya", p) for p in sorted(strata["libya"], key=order)[libya[0]:libya[1]]]
    per_outlet = {
        1: (("yemen", 0, 12), ("gaza", 0, 3)),
        2: (("yemen", 12, 20), ("gaza", 3, 6)),
        3: (("yemen", 20, 30), ("gaza", 6, 8)),
    }[chosen_round]
    for s, first, last in per_outlet:
        for outlet in OUTLETS:
            mine = [p for p in strata[s] if p.split(os.sep)[0] == outlet]
            chosen += [(s, p) for p in sorted(mine, key=order)[first:last]]
    for s, p in chosen:
        part = "test" if int(digest("rasd-gold-split|", p)[0], 16) % 3 == 0 else "train"
        print(f"{s}\t{part}\t{p}")


if __name__ == "__main__":
    main()
