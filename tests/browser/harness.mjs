// The shared browser-test harness: Debian's chromium driven by playwright-core, plus the two
// servers a test needs: a static file server over a built site, and `vinhdanh serve`.
// In: environment VINHDANH (the binary), CHROMIUM (default /usr/bin/chromium), VD_SOURCE_DIR (the
// repository, default two folders up). Out: helpers for node:test files (*.test.mjs here).
// Never downloads a browser: playwright-core only drives the one installed by setup.sh.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, statSync, cpSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(process.env.VD_SOURCE_DIR || join(here, '..', '..'));
export const binary = resolve(process.env.VINHDANH || join(repo, 'build', 'release', 'vinhdanh'));

// Launches headless chromium. Close it with `await browser.close()`.
export async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`${executablePath} missing: run tests/browser/setup.sh as root`);
  // --no-sandbox: the tests run as root in CI, where chromium refuses its sandbox.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
}

// A copy of a site folder (default: the repository's example site) in a fresh temporary folder,
// so a test may edit it. Returns its path; remove it with `removeSite`.
export function copySite(from = repo) {
  const dir = mkdtempSync(join(tmpdir(), 'vd-browser-'));
  for (const part of ['site.yml', 'content', 'layouts', 'assets', 'i18n']) {
    if (existsSync(join(from, part))) cpSync(join(from, part), join(dir, part), { recursive: true });
  }
  return dir;
}
export function removeSite(dir) { rmSync(dir, { recursive: true, force: true }); }

// Runs `vinhdanh build` into a fresh folder; returns the output folder.
export function build(source, extra = []) {
  const out = mkdtempSync(join(tmpdir(), 'vd-public-'));
  const r = spawnSync(binary, ['build', '--source', source, '--out', out, '--theme', repo, '--quiet', ...extra],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vinhdanh build failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return out;
}

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.webp': 'image/webp',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

// Serves a folder over HTTP on a free loopback port. Returns {url, close()}.
export async function serveStatic(root) {
  root = resolve(root);
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(404); res.end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

// Starts `vinhdanh serve --port 0` on a site folder and waits for the line naming its URL.
// Returns {url, output() (everything printed so far), stop()}.
export async function startServe(source, extra = []) {
  const child = spawn(binary, ['serve', '--source', source, '--theme', repo, '--port', '0', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${text}`)), 60000);
    const onData = (d) => {
      text += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (m) { clearTimeout(timer); ok(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`serve exited (${code}):\n${text}`)); });
  });
  return {
    url,
    output: () => text,
    stop: () => new Promise((ok) => {
      if (child.exitCode !== null) { ok(); return; }
      child.removeAllListeners('exit');
      child.on('exit', ok);
      child.kill('SIGTERM');
    }),
  };
}
