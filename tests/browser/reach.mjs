// Helpers of the reach tests (search, embeds, images, sharing, accessibility) on top of
// harness.mjs: the example site with fixture/ laid over it, a static server that sends a strict
// Content-Security-Policy, pages that record console errors, axe-core, screenshots.
// Screenshots go to tests/browser/output/ (git-ignored) or $VD_BROWSER_OUTPUT.
import { cpSync, mkdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, copySite } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const outputDir = process.env.VD_BROWSER_OUTPUT || join(here, 'output');
const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');

// As strict as a production site should be: no inline script or style. A violation is a console
// error, and the tests fail on any console error.
export const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'self'";

// The example site plus fixture/ (a profile with a full Vietnamese name, a photo with GPS data…),
// built once per test file. Returns {source, out}.
export function buildFixtureSite() {
  const source = copySite();
  cpSync(join(here, 'fixture'), source, { recursive: true });
  return { source, out: build(source) };
}

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.webp': 'image/webp',
  '.jpg': 'image/jpeg', '.png': 'image/png', '.xml': 'application/xml',
};

// Serves `root` (or only `routes`: {path: [type, body]}) on a free loopback port, every response
// with `csp` when given. Returns {url (no trailing slash), close()}.
export async function serve(root, { routes = {}, csp = CSP } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const headers = csp ? { 'Content-Security-Policy': csp } : {};
    if (routes[path]) {
      res.writeHead(200, { ...headers, 'Content-Type': routes[path][0] });
      res.end(routes[path][1]);
      return;
    }
    let file = root ? normalize(join(root, path)) : '';
    if (!root || (file !== root && !file.startsWith(root + sep))) { res.writeHead(404).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] || 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

// A page that records console errors (CSP violations included) and uncaught exceptions.
export async function open(browser, url, { width = 1280, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

// axe-core violations as "rule (impact): target – help" strings. Evaluated through the debugger
// protocol, so the page's CSP does not block it.
export async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} – ${v.help}`));
}

export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  // Lazy images load only near the viewport: scroll through the page first.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((ok) => setTimeout(ok, 30));
    }
    window.scrollTo(0, 0);
    await Promise.all([...document.images].map((i) => (i.complete ? null : i.decode().catch(() => null))));
  });
  await page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}
