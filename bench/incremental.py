#!/usr/bin/env python3
"""Times `vinhdanh serve`'s incremental rebuilds on a generated corpus (see bench/README.md).

    incremental.py --binary B --site DIR --theme DIR --n N --out FILE [--edits 5] [--disable-fast-render]

Copies the site to a temporary folder, starts `serve --port 0 --timings` on it, then saves edits
one at a time and reads the rebuild line serve prints after each:
  story   a profile's summary changes (its place in the site stays: the quick path)
  rename  a profile's name changes (it moves in every list: the site graph is rebuilt)
Like a browser showing the page, it fetches the profile's page before the edit and again after
the rebuild (and checks the new text is there), so serve's fast render renders that page at once.
Appends "n  kind  round  wall_ms  processor_ms  files_rendered  pages_left_for_later
processor_ms_with_later" lines to FILE; the last column is the process's CPU time from the save
until it is idle again (the pages left for later rendered in the background included).
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, threading, time, queue, urllib.request

LINE = re.compile(r"rebuilt after (\S+) (?:in (\d+) ms: (\d+) files rendered|failed)")
LATER = re.compile(r"(\d+) pages rendered when viewed")
CPU = re.compile(r"processor time (\d+) ms")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--theme", required=True)
    ap.add_argument("--n", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--disable-fast-render", action="store_true", help="passed to serve")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="vd-incremental-")
    site = os.path.join(tmp, "site")
    shutil.copytree(a.site, site)
    profiles = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(os.path.join(site, "content", "profiles"))
                      for f in fs if f.endswith(".md"))
    extra = ["--disable-fast-render"] if a.disable_fast_render else []
    proc = subprocess.Popen([a.binary, "serve", "--source", site, "--theme", a.theme, "--port", "0", "--timings"] + extra,
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
        m, _ = wait_for(re.compile(r"serving (http://\S+/)"))
        base = m.group(1)
        tick = os.sysconf("SC_CLK_TCK")

        def cpu_ms():
            with open(f"/proc/{proc.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) * 1000 / tick

        def page(path):
            url = base + "dien-hinh/" + "/".join(path.split(os.sep)[-2:])[:-3] + "/"
            return urllib.request.urlopen(url, timeout=60).read().decode("utf-8")
        out = open(a.out, "a", encoding="utf-8")
        step = max(1, len(profiles) // (a.edits + 1))
        for kind in ("story", "rename"):
            for r in range(1, a.edits + 1):
                path = profiles[r * step]
                page(path)  # a browser shows it
                text = open(path, encoding="utf-8").read()
                if kind == "story":
                    text = re.sub(r"^summary: ", f"summary: Sửa lần {r} – ", text, count=1, flags=re.M)
                else:
                    text = re.sub(r"^name: (.*)$", lambda m: f"name: {m.group(1)} Bis", text, count=1, flags=re.M)
                with open(path + ".tmp", "w", encoding="utf-8") as f:
                    f.write(text)
                cpu0 = cpu_ms()
                os.rename(path + ".tmp", path)  # as editors save
                m, l = wait_for(LINE)
                if m.group(2) is None:
                    raise SystemExit(f"incremental.py: the rebuild failed: {l}")
                later = LATER.search(l)
                later = int(later.group(1)) if later else 0
                c, _ = wait_for(CPU)
                shown = page(path)  # the browser reloads
                want = f"Sửa lần {r}" if kind == "story" else " Bis"
                if want not in shown:
                    raise SystemExit(f"incremental.py: the page does not show the edit ({want})")
                time.sleep(0.3)
                for _ in range(30):  # until the pages left for later are done (no more CPU)
                    before = cpu_ms()
                    time.sleep(0.1)
                    if cpu_ms() == before:
                        break
                total = cpu_ms() - cpu0
                out.write(f"{a.n}\t{kind}\t{r}\t{m.group(2)}\t{c.group(1)}\t{m.group(3)}\t{later}\t{total:.0f}\n")
                print(f"  serve    {kind:<7} edit {r}: {int(m.group(2)):5d} ms wall, {int(c.group(1)):5d} ms processor, "
                      f"{m.group(3)} files rendered, {later} left for later; {total:.0f} ms processor with them")
        out.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
