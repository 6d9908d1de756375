// `vinhdanh serve` in a real browser: an open page updates by itself when its file is saved,
// and a broken file shows its problems over the page until it is fixed. Pages are given a strict
// Content-Security-Policy (no inline script or style) to show the reload script needs none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copySite, launch, removeSite, startServe } from './harness.mjs';

const file = 'content/profiles/2023-2024/cao-van-thang.md';
const page = 'dien-hinh/2023-2024/cao-van-thang/';
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

// Saves like an editor: a temporary file renamed over the old one.
function save(dir, text) {
  writeFileSync(join(dir, file + '.tmp'), text);
  renameSync(join(dir, file + '.tmp'), join(dir, file));
}

async function withServe(fn) {
  const dir = copySite();
  const server = await startServe(dir);
  const browser = await launch();
  try {
    const ctx = await browser.newContext();
    const p = await ctx.newPage();
    const violations = [];
    p.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) violations.push(m.text()); });
    // HTML documents only: the event stream never ends, so it is not intercepted.
    await p.route((url) => url.pathname.endsWith('/') || url.pathname.endsWith('.html'), async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': csp } });
    });
    await fn({ dir, page: p, url: server.url, violations });
  } finally {
    await browser.close();
    await server.stop();
    removeSite(dir);
  }
}

test('an open page reloads by itself when its file is saved', async () => {
  await withServe(async ({ dir, page: p, url, violations }) => {
    await p.goto(url + page);
    const original = readFileSync(join(dir, file), 'utf8');
    assert.match(await p.textContent('body'), /Thầy Cao Văn Thắng/);
    await p.waitForTimeout(500);  // the event stream opens
    save(dir, original.replace(/^summary: .*$/m, 'summary: Câu chuyện vừa được sửa trong trình soạn thảo.'));
    await p.waitForFunction(() => document.body.textContent.includes('Câu chuyện vừa được sửa'), null, { timeout: 15000 });
    assert.deepEqual(violations.filter((v) => /vinhdanh/.test(v)), []);
  });
});

test('a broken file shows its problems over the page until it is fixed', async () => {
  await withServe(async ({ dir, page: p, url }) => {
    await p.goto(url + page);
    await p.waitForTimeout(500);
    const original = readFileSync(join(dir, file), 'utf8');
    save(dir, original.replace(/^name: /m, 'name: ['));
    const overlay = p.locator('#vinhdanh-problems');
    await overlay.waitFor({ state: 'visible', timeout: 15000 });
    const text = await overlay.textContent();
    assert.match(text, new RegExp(`${file.replace(/\./g, '\\.')}:\\d+:\\d+: error: YAML syntax`));
    assert.match(await p.textContent('main'), /Thầy Cao Văn Thắng/, 'the last good page stays underneath');
    save(dir, original.replace(/^summary: .*$/m, 'summary: Đã sửa xong lỗi.'));
    await p.waitForFunction(() => document.body.textContent.includes('Đã sửa xong lỗi'), null, { timeout: 15000 });
    assert.equal(await overlay.count(), 0);
  });
});
