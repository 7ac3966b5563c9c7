#!/usr/bin/env python3
"""Print the entity rows of two score.py --json results side by side.

  side_by_side.py NAME_A SCORE_A.txt NAME_B SCORE_B.txt

Each SCORE file is score.py's output with --json (the JSON is its last line).
"""
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.loads(f.read().strip().splitlines()[-1])


def main():
    name_a, a, name_b, b = sys.argv[1], load(sys.argv[2]), sys.argv[3], load(sys.argv[4])
    rows = [("entities (strict)", a["ner"], b["ner"]),
            ("entities (span only)", a["ner_span_only"], b["ner_span_only"])]
    rows += [(f"  {t}", a["ner_by_type"][t], b["ner_by_type"][t]) for t in a["ner_by_type"]]
    head = f"{'P':>6} {'R':>6} {'F1':>6} {'system':>7}"
    w = len(head)
    print(f"documents {a['documents']}")
    print(f"{'':22} {'':6} | {name_a:^{w}} | {name_b:^{w}}")
    print(f"{'':22} {'gold':>6} | {head} | {head}")

    def cell(d):
        return f"{d['p']:6.3f} {d['r']:6.3f} {d['f1']:6.3f} {d['sys']:7}"
    for name, x, y in rows:
        print(f"{name:22} {x['gold']:6} | {cell(x)} | {cell(y)}")


if __name__ == "__main__":
    main()
