#!/usr/bin/env python3
"""Holds the dev-set figures to their floors (.ci/floor.tsv).

Reads score.py's --json line on standard input; exits 1 naming every
figure that fell more than 0.01 below its floor, 0 otherwise.
"""
import json
import sys
from pathlib import Path

TOLERANCE = 0.01


def figures(res):
    return {
        "entities_f1": res["ner"]["f1"],
        "identity_b3": res["identity_b3"]["f1"],
        "dates_found_f1": res["dates"]["f1"],
        "dates_value_accuracy": res["dates"]["value_accuracy"],
        "quotes_found_f1": res["quotes"]["f1"],
        "quotes_speaker_accuracy": res["quotes"]["speaker_accuracy"],
        "events_f1": res["events"]["f1"],
        "events_location_accuracy": res["events"]["location_accuracy"],
        "events_date_accuracy": res["events"]["date_accuracy"],
    }


def floors(path):
    out = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("\t")
            out[name] = float(value)
    return out


def main():
    last = [l for l in sys.stdin.read().splitlines() if l.startswith("{")][-1]
    have = figures(json.loads(last))
    fell = []
    for name, floor in floors(Path(__file__).with_name("floor.tsv")).items():
        value = have[name]
        mark = "ok"
        if value < floor - TOLERANCE:
            mark = "BELOW FLOOR"
            fell.append(name)
        print(f"{name:28} {value:.3f}  floor {floor:.3f}  {mark}")
    if fell:
        print(f"figures below their floor: {', '.join(fell)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
