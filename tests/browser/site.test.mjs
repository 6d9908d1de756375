// The generated site in real headless Chromium: search, accessibility (axe-core), screenshots.
// Run by tests/browser/run.sh (ctest, make test) on the example site with fixture/ laid over it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, removeSite } from './harness.mjs';
import { axe, buildFixtureSite, open, screenshot, serve } from './reach.mjs';

const built = buildFixtureSite();
const siteDir = built.out;
let site, browser;
before(async () => {
  site = await serve(siteDir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
  removeSite(built.source);
  removeSite(built.out);
});

// The first page found under a folder of the output (so the tests follow the content).
function first(dir, depth) {
  let at = join(siteDir, dir);
  let rel = dir;
  for (let d = 0; d < depth; ++d) {
    if (!existsSync(at)) return null;
    const next = readdirSync(at, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'trang').map((e) => e.name).sort()[0];
    if (!next) return null;
    at = join(at, next);
    rel += next + '/';
  }
  return existsSync(join(at, 'index.html')) ? '/' + rel : null;
}

export const pageTypes = {
  home: '/',
  campaign: first('phong-trao/', 1),
  profile: '/dien-hinh/2023-2024/nguyen-thi-thuy/',
  unit: '/don-vi/thpt-dong-xoai/',
  year: '/nam-hoc/2023-2024/',
  award: '/danh-hieu/chien-si-thi-dua-co-so/',
  statistics: '/nam-hoc/2023-2024/thong-ke/',
  'site statistics': '/thong-ke/',
  'campaign statistics': '/phong-trao/can-giuoc-2024/thong-ke/',
  'unit statistics': '/don-vi/thpt-dong-xoai/thong-ke/',
  search: '/tim-kiem/?q=nguyen',
  bulletin: first('thong-bao/', 2),
  'bulletin print': first('thong-bao/', 2) && first('thong-bao/', 2) + 'ban-in/',
  'unit embed': '/don-vi/thpt-dong-xoai/nhung/2023-2024/',
};

async function search(page, query) {
  await page.fill('#search-q', query);
  await page.waitForFunction(() => !/…$/.test(document.getElementById('search-status').textContent));
  await page.waitForTimeout(300);
  return page.$$eval('.search-result__name a', (as) => as.map((a) => a.textContent));
}

test('search finds names typed without accents, ranked by name first', async () => {
  const page = await open(browser, site.url + '/tim-kiem/');
  const thuy = await search(page, 'nguyen thi thuy');
  assert.equal(thuy[0], 'Nguyễn Thị Thúy');
  assert.equal(await page.isVisible('#search-more'), false);  // fewer than 50 results
  const dang = await search(page, 'dang');
  assert.ok(dang.length > 0);
  assert.match(dang[0], /Đặng/);
  // A result links to its profile page, which exists.
  await page.click('.search-result__name a');
  await page.waitForLoadState('load');
  assert.match(page.url(), /\/dien-hinh\/\d{4}-\d{4}\/dang-/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('search filters by school year, unit and award and keeps them in the URL', async () => {
  const page = await open(browser, site.url + '/tim-kiem/');
  await page.selectOption('#search-year', '2023-2024');
  await page.waitForTimeout(400);
  const years = await page.$$eval('.search-result__meta', (ps) => ps.map((p) => p.textContent));
  assert.ok(years.length > 0);
  assert.ok(years.every((t) => t.endsWith('2023-2024')), years.join('\n'));
  await page.selectOption('#search-unit', 'thpt-dong-xoai');
  await page.selectOption('#search-award', 'chien-si-thi-dua-co-so');
  await page.waitForTimeout(400);
  const names = await page.$$eval('.search-result__name a', (as) => as.map((a) => a.textContent));
  assert.deepEqual(names, ['Nguyễn Thị Thúy']);
  assert.match(page.url(), /year=2023-2024.*unit=thpt-dong-xoai.*award=chien-si-thi-dua-co-so/);
  // The same URL opened again shows the same results (a shareable search).
  const again = await open(browser, page.url());
  await again.waitForSelector('.search-result__name a');
  assert.deepEqual(await again.$$eval('.search-result__name a', (as) => as.map((a) => a.textContent)),
    ['Nguyễn Thị Thúy']);
  assert.deepEqual(page.problems, []);
  await page.close();
  await again.close();
});

test('summaries are searched once their shards have loaded', async () => {
  const page = await open(browser, site.url + '/tim-kiem/');
  const hits = await search(page, 'cau lac bo doc sach');
  assert.ok(hits.includes('Nguyễn Thị Thúy'), hits.join(', '));
  await page.close();
});

test('the embed snippet follows the school year and renders on a site of another origin', async () => {
  const unit = await open(browser, site.url + pageTypes.unit);
  const base = await unit.$eval('link[rel=canonical]', (l) => new URL('/', l.href).href);
  await unit.selectOption('#embed-year', '2023-2024');
  const script = await unit.inputValue('#embed-script');
  const iframe = await unit.inputValue('#embed-iframe');
  assert.match(script, /data-vinhdanh-unit="thpt-dong-xoai" data-year="2023-2024"/);
  assert.match(iframe, /\/don-vi\/thpt-dong-xoai\/nhung\/2023-2024\//);
  assert.deepEqual(unit.problems, []);
  await unit.close();
  // The school's own site: another port (another origin), its own strict CSP that allows only
  // the portal's scripts and frames. The snippets point at the portal's real address.
  const local = (snippet) => snippet.replaceAll(base, site.url + '/');
  const school = await serve(null, {
    csp: `default-src 'self'; img-src data:; script-src 'self' ${site.url}; frame-src ${site.url}`,
    routes: {
      '/': ['text/html; charset=utf-8', '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
        '<title>Trường THPT Đồng Xoài</title><link rel="icon" href="data:,"></head><body><main><h1>Trang của trường</h1>' +
        local(script) + local(iframe) + '</main></body></html>'],
    },
  });
  try {
    const page = await open(browser, school.url + '/');
    await page.waitForSelector('.vinhdanh-roll__item a');
    const names = await page.$$eval('.vinhdanh-roll__item a', (as) => as.map((a) => a.textContent));
    assert.ok(names.includes('Nguyễn Thị Thúy'), names.join(', '));
    assert.equal(await page.textContent('.vinhdanh-roll__year'), 'Năm học 2023-2024');
    const frame = page.frames().find((f) => f.url().includes('/nhung/2023-2024/'));
    assert.ok(frame, 'the iframe loaded');
    await frame.waitForSelector('.embed-roll__list a');
    const framed = await frame.$$eval('.embed-roll__list a', (as) => as.map((a) => a.textContent));
    assert.ok(framed.includes('Nguyễn Thị Thúy'), framed.join(', '));
    assert.deepEqual(page.problems, []);
    await screenshot(page, 'embed-on-another-site');
    await page.close();
  } finally {
    await school.close();
  }
});

test('the embed script without a year shows the newest year and lets readers pick another', async () => {
  const school = await serve(null, {
    routes: {
      '/': ['text/html; charset=utf-8', '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
        '<title>x</title><link rel="icon" href="data:,"></head><body><div data-vinhdanh-unit="thpt-dong-xoai"></div>' +
        `<script src="${site.url}/api/embed.js" async></script></body></html>`],
    },
    csp: `default-src 'self'; img-src data:; script-src ${site.url}`,
  });
  try {
    const page = await open(browser, school.url + '/');
    await page.waitForSelector('.vinhdanh-roll__item');
    const options = await page.$$eval('.vinhdanh-roll select option', (os) => os.map((o) => o.textContent));
    assert.ok(options.length > 1, options.join(', '));
    assert.equal(await page.textContent('.vinhdanh-roll__year'), 'Năm học ' + options[0]);
    await page.selectOption('.vinhdanh-roll select', { index: 1 });
    assert.equal(await page.textContent('.vinhdanh-roll__year'), 'Năm học ' + options[1]);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await school.close();
  }
});

test('portraits load from the right srcset (WebP) with their size set, initials pictures otherwise', async () => {
  const page = await open(browser, site.url + pageTypes.profile, { width: 1280 });
  const img = page.locator('.profile__portrait img');
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('.profile__portrait img').complete);
  const info = await img.evaluate((i) => ({
    current: i.currentSrc, natural: i.naturalWidth, width: i.getAttribute('width'),
    height: i.getAttribute('height'), loading: i.loading,
    webp: i.parentElement.querySelector('source[type="image/webp"]').srcset,
    sizes: i.sizes,
  }));
  assert.match(info.webp, /^\S+-160\.webp 160w, \S+-320\.webp 320w, \S+-600\.webp 600w$/);
  assert.match(info.current, /-\d+\.webp$/, 'Chromium picks a WebP copy');
  assert.ok(info.natural > 0, 'the copy loaded');
  assert.deepEqual([info.width, info.height, info.loading, info.sizes], ['320', '427', 'lazy', '10rem']);
  // A profile without a photo shows its initials picture, which loads too.
  const other = await open(browser, site.url + '/dien-hinh/2022-2023/tran-van-binh/');
  const ph = await other.$eval('.profile__portrait img', async (i) => {
    await i.decode();
    return { src: i.getAttribute('src'), natural: i.naturalWidth };
  });
  assert.match(ph.src, /images\/chu-cai\/[0-9a-f]+\.svg$/);
  assert.ok(ph.natural > 0);
  assert.deepEqual([...page.problems, ...other.problems], []);
  await page.close();
  await other.close();
});

test('sharing: Open Graph card image, canonical URL and JSON-LD that a crawler can read', async () => {
  const page = await open(browser, site.url + pageTypes.profile);
  const meta = await page.evaluate(() => ({
    canonical: document.querySelector('link[rel=canonical]').href,
    image: document.querySelector('meta[property="og:image"]').content,
    ld: JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent),
  }));
  assert.match(meta.canonical, /\/dien-hinh\/2023-2024\/nguyen-thi-thuy\/$/);
  assert.equal(meta.ld['@type'], 'Person');
  assert.equal(meta.ld.name, 'Nguyễn Thị Thúy');
  assert.match(meta.ld.award[0], /^Chiến sĩ thi đua cơ sở/);
  // The shared picture is the profile's social card with the portrait on it, served by the site.
  assert.match(meta.image, /\/images\/the\/[0-9a-f]{16}\.jpg$/);
  const shared = await open(browser, site.url + new URL(meta.image).pathname);
  const size = await shared.evaluate(() => [document.images[0].naturalWidth, document.images[0].naturalHeight]);
  assert.deepEqual(size, [1200, 630]);
  await screenshot(shared, 'social-card-portrait');
  assert.deepEqual(page.problems, []);
  await page.close();
  await shared.close();
});

test('sharing: a profile without a photo shares its drawn social card', async () => {
  const page = await open(browser, site.url + '/dien-hinh/2023-2024/cao-van-thang/');
  const image = await page.evaluate(() => ({
    og: document.querySelector('meta[property="og:image"]').content,
    twitter: document.querySelector('meta[name="twitter:image"]').content,
    width: document.querySelector('meta[property="og:image:width"]').content,
  }));
  assert.match(image.og, /\/images\/the\/[0-9a-f]{16}\.jpg$/);
  assert.equal(image.twitter, image.og);
  assert.equal(image.width, '1200');
  const shared = await open(browser, site.url + new URL(image.og).pathname);
  const size = await shared.evaluate(() => [document.images[0].naturalWidth, document.images[0].naturalHeight]);
  assert.deepEqual(size, [1200, 630]);
  await screenshot(shared, 'social-card');
  await page.close();
  await shared.close();
});

test('published images carry no metadata (exiftool)', () => {
  const dir = join(siteDir, 'images');
  const files = [
    ...readdirSync(dir).filter((f) => /\.(jpe?g|webp|png)$/.test(f)).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'the')).map((f) => join(dir, 'the', f)),  // social cards
  ];
  assert.ok(files.length >= 7, files.join(', '));
  const metadata = (paths) => {
    const r = spawnSync('exiftool', ['-a', '-G1', '-s', ...paths], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter((l) => !/^\[(ExifTool|System|File)\]/.test(l) &&
      /GPS|Make|Model|Artist|Creator|XMP|EXIF|IFD|ICC/i.test(l));
  };
  // The source photo has them (so this check can fail)…
  assert.ok(metadata(['fixture/content/images/nguyen-thi-thuy.jpg']).some((l) => /GPSLatitude/.test(l)));
  // …the published copies have none.
  assert.deepEqual(metadata(files), []);
});

test('statistics: charts are drawn, hidden from screen readers, each with its table', async () => {
  const page = await open(browser, site.url + '/phong-trao/can-giuoc-2024/thong-ke/', { width: 1280, height: 800 });
  const charts = await page.$$eval('.chart-figure', (figs) => figs.map((f) => {
    const svg = f.querySelector('svg');
    const box = svg.getBoundingClientRect();
    return {
      hidden: svg.getAttribute('aria-hidden'),
      width: box.width, height: box.height,
      bars: svg.querySelectorAll('rect').length,
      rows: f.querySelectorAll('tbody tr').length,
      kind: svg.getAttribute('class'),
    };
  }));
  assert.ok(charts.length >= 3, JSON.stringify(charts));
  for (const c of charts) {
    assert.equal(c.hidden, 'true');
    assert.ok(c.width > 200 && c.height > 20, JSON.stringify(c));
    // One bar per row (targets: one per target and one per reported result).
    if (!/targets/.test(c.kind)) assert.equal(c.bars, c.rows, JSON.stringify(c));
    else assert.ok(c.bars >= c.rows, JSON.stringify(c));
  }
  assert.ok(charts.some((c) => /targets/.test(c.kind)));
  // The bars take their colours from the stylesheet (no inline style under the CSP).
  const fill = await page.$eval('.chart__bar', (r) => getComputedStyle(r).fill);
  assert.equal(fill, 'rgb(155, 28, 28)');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Tabs through the whole page (until the focus comes back round); returns the chart frames that
// took the focus, in order: {chart (its section's heading id), scrolls}.
async function chartTabStops(page) {
  await page.evaluate(() => {
    window.vdFocused = [];
    document.addEventListener('focusin', (e) => window.vdFocused.push(e.target));
  });
  let presses = 0;
  for (let wrapped = false; !wrapped; ++presses) {
    assert.ok(presses < 1000, 'the focus never came back round');
    await page.keyboard.press('Tab');
    wrapped = await page.evaluate(() => {
      const e = document.activeElement;
      return !e || e === document.body || window.vdFocused.indexOf(e) < window.vdFocused.length - 1;
    });
  }
  assert.ok(presses > 5, `only ${presses} tab stops`);
  return page.evaluate(() => [...new Set(window.vdFocused)]
    .filter((e) => e.classList.contains('chart-scroll'))
    .map((f) => ({
      chart: f.closest('section').getAttribute('aria-labelledby'),
      scrolls: f.scrollWidth > f.clientWidth,
    })));
}

test('statistics: a chart frame is a tab stop only where it scrolls (phones), and the keys scroll it', async () => {
  const path = '/phong-trao/can-giuoc-2024/thong-ke/';
  const desktop = await open(browser, site.url + path, { width: 1280, height: 800 });
  assert.ok(await desktop.$$eval('.chart-scroll', (fs) => fs.length) >= 3);
  assert.deepEqual(await chartTabStops(desktop), [], 'nothing scrolls at 1280 px: no frame is a stop');
  const phone = await open(browser, site.url + path, { width: 375, height: 800 });
  const scrolling = await phone.$$eval('.chart-scroll', (fs) => fs
    .filter((f) => f.scrollWidth > f.clientWidth)
    .map((f) => ({ chart: f.closest('section').getAttribute('aria-labelledby'), scrolls: true })));
  assert.ok(scrolling.length >= 2, JSON.stringify(scrolling));
  assert.ok(scrolling.some((s) => s.chart === 'stats-targets-title'), JSON.stringify(scrolling));
  // The charts scroll inside their frames, never the whole page.
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 375);
  assert.deepEqual(await chartTabStops(phone), scrolling, 'at 375 px every frame that scrolls is a stop');
  // The arrow keys scroll the focused frame.
  await phone.focus('.chart-scroll[tabindex="0"]');
  await phone.keyboard.press('ArrowRight');
  await phone.waitForFunction(() => document.activeElement.scrollLeft > 0);
  // Turned sideways to a wide screen the stops go, and come back when turned again.
  await phone.setViewportSize({ width: 1280, height: 800 });
  await phone.waitForFunction(() => !document.querySelector('.chart-scroll[tabindex]'));
  await phone.setViewportSize({ width: 375, height: 800 });
  await phone.waitForFunction((n) => document.querySelectorAll('.chart-scroll[tabindex="0"]').length === n,
    scrolling.length);
  assert.deepEqual([...desktop.problems, ...phone.problems], []);
  await desktop.close();
  await phone.close();
});

// The targets (chỉ tiêu) beside what was reported, on the campaign's page and its statistics: on a
// phone the target's text keeps a readable width (not a word per line), and neither the table nor
// the page scrolls sideways.
test('targets tables: at 375 px the target column is readable and nothing overflows', async () => {
  for (const [path, heading] of [['/phong-trao/can-giuoc-2024/thong-ke/', 'stats-targets-title'],
    ['/phong-trao/can-giuoc-2024/', 'targets-title']]) {
    const page = await open(browser, site.url + path, { width: 375, height: 800 });
    const tables = await page.$$eval(`section[aria-labelledby="${heading}"] table`, (ts) => ts.map((t) => ({
      table: t.getBoundingClientRect().width,
      first: Math.min(...[...t.querySelectorAll('tbody th[scope="row"]')].map((th) => th.getBoundingClientRect().width)),
      frame: [t.parentElement.scrollWidth, t.parentElement.clientWidth],
    })));
    assert.ok(tables.length >= 1, path);
    for (const t of tables) {
      assert.ok(t.first >= 0.4 * t.table, `${path}: the target column is ${t.first} of ${t.table} px`);
      assert.ok(t.frame[0] <= t.frame[1], `${path}: the table scrolls sideways ${JSON.stringify(t.frame)}`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, path);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

for (const [kind, path] of Object.entries(pageTypes)) {
  test(`${kind} page: no axe-core violation, no console error, screenshots`, { skip: !path }, async () => {
    for (const [label, width] of [['phone', 375], ['desktop', 1280]]) {
      const page = await open(browser, site.url + path, { width, height: 800 });
      if (kind === 'search') await page.waitForSelector('.search-result');
      const violations = await axe(page);
      assert.deepEqual(violations, [], `${kind} at ${width}px`);
      assert.deepEqual(page.problems, [], `${kind} at ${width}px`);
      await screenshot(page, `${kind}-${label}`);
      await page.close();
    }
  });
}
