#!/usr/bin/env python3
"""Writes a `git fast-import` stream that puts a generated site under a long history.

    git_history.py SITE_DIR COMMITS [--seed S] | git -C SITE_DIR fast-import --quiet

Commit 1 adds every file of SITE_DIR (site.yml, content/…); each later commit edits the stories of
5 random profiles (one commit a day, UTC+7), so every profile has its own created/updated dates.
Python 3 standard library only; the stream depends only on the files, COMMITS and the seed.
"""
import argparse
import os
import sys
from random import Random


def files_of(root):
    out = []
    for base in ("site.yml", "content"):
        path = os.path.join(root, base)
        if os.path.isfile(path):
            out.append(base)
        for d, _, names in os.walk(path):
            for n in names:
                out.append(os.path.relpath(os.path.join(d, n), root))
    return sorted(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("commits", type=int)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    w = sys.stdout.buffer
    files = files_of(a.site)
    profiles = [f for f in files if f.startswith("content/profiles/")]
    text = {f: open(os.path.join(a.site, f), "rb").read() for f in files}
    rnd = Random(a.seed)
    when = 1577836800  # 2020-01-01

    def data(b):
        w.write(b"data %d\n" % len(b))
        w.write(b)
        w.write(b"\n")

    for i in range(a.commits):
        changed = files if i == 0 else rnd.sample(profiles, 5)
        msg = b"the site" if i == 0 else b"edit %d" % i
        w.write(b"commit refs/heads/master\n")
        w.write(b"committer Bench <bench@example.invalid> %d +0700\n" % (when + i * 86400))
        data(msg)
        for f in changed:
            if i > 0:
                text[f] += ("\nSửa lần %d.\n" % i).encode()
            w.write(b"M 100644 inline %s\n" % f.encode())
            data(text[f])
    # Leave the work tree matching the last commit.
    for f in profiles:
        with open(os.path.join(a.site, f), "wb") as fh:
            fh.write(text[f])


if __name__ == "__main__":
    main()
