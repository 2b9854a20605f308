/**
 * "Add an article" in the explorer, in a real browser (Debian's Chromium through playwright-core)
 * against the real server over the seeded graph: paste an Arabic article, read the proposals with
 * their evidence highlighted and each name's resolution (existing or new), switch the page to
 * Arabic (right to left), accept the ticked proposals, and see the new visit drawn.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import type { Db } from '../../src/db/driver.js';
import { CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS, prepareBrowserTests } from '../support/browser.js';
import { closeServerAndDb, openSeededServer, TEST_API_KEY, type TestServer } from '../support/server.js';

const ARTICLE = readFileSync(path.join(PROJECT_ROOT, 'data', 'eval', 'articles', 'lavrov-algeria-2022.ar.txt'), 'utf8');

declare const window: Window & { cy: { nodes(): { map<T>(fn: (n: any) => T): T[] } }; __explorer: { ready: Promise<void>; idle(): Promise<void> } };

describe('adding an article in the explorer', () => {
  let db: Db;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    prepareBrowserTests();
    ({ db, server } = await openSeededServer());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => Boolean(window.__explorer));
    await page.evaluate(() => window.__explorer.ready);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await closeServerAndDb(server, db);
  });

  async function idle(): Promise<void> {
    await page.waitForFunction(() => document.body.dataset.busy === 'false');
    await page.evaluate(() => window.__explorer.idle());
  }

  it('reads a pasted Arabic article into proposals, with the evidence highlighted and each name resolved', async () => {
    await page.click('#article-card summary');
    await page.fill('#article-text', ARTICLE);
    await page.fill('#article-title', 'لافروف في الجزائر (اختبار)');
    await page.fill('#article-publisher', 'Test desk');
    await page.fill('#article-published', '2022-05-11');
    await page.fill('#article-key', TEST_API_KEY);
    await page.click('#article-read');
    await idle();
    // Each paragraph shown, with marks on the words the proposals rest on.
    expect(await page.locator('.article-paragraph').count()).toBe(4);
    const marked = await page.locator('.article-paragraph[data-paragraph="1"] mark').allTextContents();
    expect(marked).toEqual(expect.arrayContaining(['وصل', 'وزير الخارجية الروسي سيرغي لافروف', 'الجزائر العاصمة']));
    // The visit, ticked, with Lavrov new and Algeria existing.
    const visit = page.locator('.proposal[data-type="visit"]').first();
    await expect.poll(() => visit.textContent()).toContain('2022-05-10');
    expect(await visit.locator('input[type=checkbox]').isChecked()).toBe(true);
    expect(await visit.locator('.resolved.is-new').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('سيرغي لافروف')]));
    expect(await visit.locator('.resolved.is-existing[data-entity="country:algeria"]').count()).toBe(1);
    const meeting = page.locator('.proposal[data-type="meeting"]').filter({ hasText: 'Tebboune' });
    expect(await meeting.count()).toBeGreaterThan(0);
    expect(await meeting.first().locator('.resolved.is-existing[data-entity="person:abdelmadjid-tebboune"]').count()).toBe(1);
  });

  it('works right to left in Arabic', async () => {
    await page.click('#lang');
    await idle();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('#article-card summary').textContent()).toBe('إضافة مقال');
    expect(await page.locator('.article-paragraphs').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('#article-accept').textContent()).toBe('اعتماد المؤشَّر عليه');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'article-review-ar.png'), fullPage: true });
  });

  it('accepts the ticked proposals, and the new visit appears in the drawing', async () => {
    // Only the visit and the meetings.
    for (const box of await page.locator('.proposal input[type=checkbox]').all()) {
      const type = await box.evaluate((el) => el.closest('.proposal')!.getAttribute('data-type'));
      if ((type === 'visit' || type === 'meeting') !== (await box.isChecked())) await box.click();
    }
    await page.click('#article-accept');
    await idle();
    expect(await page.locator('#errors').isHidden(), (await page.locator('#errors').textContent()) ?? '').toBe(true);
    await expect.poll(() => page.locator('.proposal[data-type="visit"].status-accepted').count()).toBeGreaterThan(0);
    expect(await page.locator('.article-message').textContent()).toMatch(/سُجّل/);
    const visitId = (await db.read(async (tx) => (await tx.run(`MATCH (v:Visit)-[:TRAVELER]->(p:Person {nameAr: 'سيرغي لافروف'}) RETURN v.id AS id`)).records.map((r) => r.get('id'))))[0];
    expect(visitId).toMatch(/^visit:.*algeria-2022-05-10$/);
    await expect.poll(() => page.evaluate(() => window.cy.nodes().map((n) => n.id() as string))).toContain(visitId);
    expect(await page.evaluate(() => window.cy.nodes().map((n) => n.id() as string))).toContain('person:abdelmadjid-tebboune');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'article-accepted.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
