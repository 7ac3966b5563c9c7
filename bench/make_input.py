#!/usr/bin/env python3
"""Repeat a JSON lines corpus with fresh ids until it holds at least N words.

  make_input.py CORPUS.jsonl N_WORDS OUT.jsonl

Words are whitespace-separated tokens of `text`. Copy k of document `fr-000001`
gets the id `fr-000001~k`. Prints the number of documents and words written
(`docs words`) on standard output.
"""
import json
import sys


def main():
    corpus, target, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(corpus, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    words = [len(d["text"].split()) for d in docs]
    if not sum(words):
        sys.exit("make_input: empty corpus")
    n_docs = n_words = 0
    copy = 0
    with open(out, "w", encoding="utf-8") as f:
        while n_words < target:
            copy += 1
            for d, w in zip(docs, words):
                f.write(json.dumps(dict(d, id=f"{d['id']}~{copy}"), ensure_ascii=False) + "\n")
                n_docs += 1
                n_words += w
    print(n_docs, n_words)


if __name__ == "__main__":
    main()
