#!/usr/bin/env python3
"""Times `vinhdanh serve`'s incremental rebuilds on a generated corpus (see bench/README.md).

    incremental.py --binary B --site DIR --theme DIR --n N --out FILE [--edits 5]

Copies the site to a temporary folder, starts `serve --port 0 --timings` on it, then saves edits
one at a time and reads the rebuild line serve prints after each:
  story   a profile's summary changes (its place in the site stays: the quick path)
  rename  a profile's name changes (it moves in every list: the site graph is rebuilt)
Appends "n  kind  round  wall_ms  processor_ms  files_rendered" lines to FILE.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, threading, time, queue

LINE = re.compile(r"rebuilt after (\S+) (?:in (\d+) ms: (\d+) files rendered|failed)")
CPU = re.compile(r"processor time (\d+) ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--theme", required=True)
    ap.add_argument("--n", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--edits", type=int, default=5)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="vd-incremental-")
    site = os.path.join(tmp, "site")
    shutil.copytree(a.site, site)
    profiles = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(site, "content", "profiles"))
                      for f in fs if f.endswith(".md"))
    proc = subprocess.Popen([a.binary, "serve", "--source", site, "--theme", a.theme, "--port", "0", "--timings"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout], daemon=True).start()
    debug = os.environ.get("DEBUG")  # DEBUG=1 prints what serve prints

    def wait_for(pattern, timeout=600):
        end = time.time() + timeout
        while time.time() < end:
            try:
                l = lines.get(timeout=1)
            except queue.Empty:
                continue
            if debug:
                print("  >", l.rstrip())
            m = pattern.search(l)
            if m:
                return m, l
        raise SystemExit(f"incremental.py: serve did not print {pattern.pattern}")

    try:
        wait_for(re.compile(r"serving http"))
        out = open(a.out, "a", encoding="utf-8")
        step = max(1, len(profiles) // (a.edits + 1))
        for kind in ("story", "rename"):
            for r in range(1, a.edits + 1):
                path = profiles[r * step]
                text = open(path, encoding="utf-8").read()
                if kind == "story":
                    text = re.sub(r"^summary: ", f"summary: Sửa lần {r} – ", text, count=1, flags=re.M)
                else:
                    text = re.sub(r"^name: (.*)$", lambda m: f"name: {m.group(1)} Bis", text, count=1, flags=re.M)
                with open(path + ".tmp", "w", encoding="utf-8") as f:
                    f.write(text)
                os.rename(path + ".tmp", path)  # as editors save
                m, l = wait_for(LINE)
                if m.group(2) is None:
                    raise SystemExit(f"incremental.py: the rebuild failed: {l}")
                c, _ = wait_for(CPU)
                out.write(f"{a.n}\t{kind}\t{r}\t{m.group(2)}\t{c.group(1)}\t{m.group(3)}\n")
                print(f"  serve    {kind:<7} edit {r}: {int(m.group(2)):5d} ms wall, {int(c.group(1)):5d} ms processor, "
                      f"{m.group(3)} files rendered")
                time.sleep(0.3)
        out.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
