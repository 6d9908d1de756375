// The harness itself: the example site, built and served as static files, opens in chromium with
// its title, its stylesheet applied and no script error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, launch, removeSite, repo, serveStatic } from './harness.mjs';

test('the built example site opens in chromium', async () => {
  const out = build(repo);
  const server = await serveStatic(out);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const res = await page.goto(server.url);
    assert.equal(res.status(), 200);
    assert.match(await page.title(), /\S/);
    // The stylesheet is linked with a hashed name and applied: its custom property is defined.
    const font = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--font-sans'));
    assert.notEqual(font.trim(), '', 'assets/style.css was not applied');
    assert.ok((await page.locator('a[href]').count()) > 10, 'the home page links the site');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
    removeSite(out);
  }
});
