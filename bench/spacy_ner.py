#!/usr/bin/env python3
"""Run a spaCy pipeline's named-entity recogniser over depeche's input format
and write records in the scorer's format (../shared/eval/RECORD.md).

  spacy_ner.py [--model fr_core_news_md] [--ner-only] [--batch-size N] [-o OUT] [INPUT.jsonl|-]

Input: JSON lines {"id", "text", ...}. Output: one JSON record per line,
{"id", "mentions": [{start, end, text, type, entity}], "entities": [...]},
offsets in Unicode code points (Python string indices), end exclusive.
spaCy's labels are mapped to PER / ORG / LOC / MISC; other labels are dropped.
Each mention gets an entity id; mentions with the same type and the same
lower-cased text in one document share it.
"""
import argparse
import json
import sys

# spaCy label -> scorer type. The French models already use the WikiNER set
# (PER, ORG, LOC, MISC); the OntoNotes labels are here so that an English
# model can be compared the same way.
LABELS = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": None, "EVENT": "MISC", "LAW": "MISC",
    "WORK_OF_ART": "MISC", "PRODUCT": "MISC", "LANGUAGE": None,
}


def read_docs(path):
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                yield d["id"], d["text"]


def record(doc_id, doc):
    mentions, entities, ids = [], [], {}
    for ent in doc.ents:
        typ = LABELS.get(ent.label_, "MISC")  # unknown labels count as MISC
        if typ is None:
            continue
        k = (typ, ent.text.lower())
        if k not in ids:
            ids[k] = f"e{len(ids) + 1}"
            entities.append({"id": ids[k], "key": f"{typ.lower()}:{ent.text.lower()}",
                             "name": ent.text, "type": typ})
        mentions.append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                         "type": typ, "entity": ids[k]})
    return {"id": doc_id, "mentions": mentions, "entities": entities}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", default="-")
    ap.add_argument("--model", default="fr_core_news_md")
    ap.add_argument("--ner-only", action="store_true",
                    help="load only the 'ner' pipe (the French models' NER has its own tok2vec)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()

    import spacy

    if a.ner_only:
        names = spacy.util.get_model_meta(spacy.util.get_package_path(a.model))["pipeline"]
        nlp = spacy.load(a.model, exclude=[p for p in names if p != "ner"])
    else:
        nlp = spacy.load(a.model)
    print(f"spacy_ner: {a.model} {nlp.meta.get('version')} pipes {nlp.pipe_names}", file=sys.stderr)

    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    docs = read_docs(a.input)
    ids = []

    def texts():
        for doc_id, text in docs:
            ids.append(doc_id)
            yield text

    n = 0
    for doc in nlp.pipe(texts(), batch_size=a.batch_size, n_process=1):
        out.write(json.dumps(record(ids[n], doc), ensure_ascii=False) + "\n")
        n += 1
    if out is not sys.stdout:
        out.close()
    print(f"spacy_ner: {n} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
