/**
 * "Review duplicates" in the explorer, in a real browser (Debian's Chromium through playwright-core)
 * against the real server: two Bushes and a bare "Bush" recorded decades before either was active
 * (so resolution leaves it a node of its own) show up as likely duplicates, side by side with
 * their dates and neighbours; in Arabic, one pair is set apart (and stays apart when the list is
 * read again), a merge without the right key is refused, and a merge with it moves the bare
 * node's visit onto the kept person, whose old id keeps answering.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/driver.js';
import { CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS, explorerIdle, openExplorer, prepareBrowserTests, watchProblems } from '../support/browser.js';
import { closeServerAndDb, openSeededServer, TEST_API_KEY, type TestServer } from '../support/server.js';

declare const window: Window & { cy: { nodes(): { map<T>(fn: (n: any) => T): T[] } } };

const RECORD_VISIT = `mutation Record($input: VisitInput!) {
  recordVisit(input: $input) { resolutions { at reason created entity { id } } } }`;

describe('reviewing likely duplicates in the explorer', () => {
  let db: Db;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const ids = { elder: '', younger: '', bare: '' };

  async function travelerId(traveler: Record<string, unknown>, date: string): Promise<string> {
    const result = await server.gqlAuth(RECORD_VISIT, { input: { traveler, host: { id: 'country:algeria' }, date } });
    expect(result.errors).toBeUndefined();
    return result.data!.recordVisit.resolutions.find((r: { at: string }) => r.at === 'input.traveler').entity.id;
  }

  const pair = (a: string, b: string) => page.locator(`.duplicate-pair[data-a="${[a, b].sort()[0]}"][data-b="${[a, b].sort()[1]}"]`);

  beforeAll(async () => {
    prepareBrowserTests();
    ({ db, server } = await openSeededServer());
    ids.elder = await travelerId({ name: 'George Herbert Walker Bush', nameAr: 'جورج بوش الأب', kind: 'PERSON' }, '1990-11-22');
    ids.younger = await travelerId({ name: 'George Walker Bush', kind: 'PERSON' }, '2006-11-28');
    ids.bare = await travelerId({ name: 'Bush', kind: 'PERSON' }, '1950-01-01');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    watchProblems(page, problems);
    await openExplorer(page, server.url);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await closeServerAndDb(server, db);
  });

  it('lists the likely duplicates side by side, with reason, score, dates and neighbours', async () => {
    expect(new Set(Object.values(ids)).size).toBe(3);
    await page.click('#duplicates-card summary');
    await page.click('#duplicates-load');
    await explorerIdle(page);
    const withElder = pair(ids.bare, ids.elder);
    expect(await withElder.count()).toBe(1);
    expect(await pair(ids.bare, ids.younger).count()).toBe(1);
    expect(await withElder.locator('.duplicate-reason').textContent()).toMatch(/a surname alone and a full name · score 0\.\d\d/);
    const elderSide = withElder.locator(`.duplicate-side[data-entity="${ids.elder}"]`);
    const bareSide = withElder.locator(`.duplicate-side[data-entity="${ids.bare}"]`);
    expect(await elderSide.locator('.duplicate-name').textContent()).toBe('George Herbert Walker Bush');
    expect(await elderSide.locator('.name-ar').textContent()).toBe('جورج بوش الأب');
    expect(await elderSide.locator('.duplicate-dates').textContent()).toContain('1990-11-22');
    expect(await bareSide.locator('.duplicate-dates').textContent()).toContain('1950-01-01');
    // The neighbours include each one's visit to Algeria (named after the traveler and the year).
    expect(await elderSide.locator('.duplicate-neighbours li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/TRAVELER.*1990/)]));
    expect(await bareSide.locator('.duplicate-neighbours li').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/TRAVELER.*1950/)]));
  });

  it('speaks Arabic, right to left', async () => {
    await page.click('#lang');
    await explorerIdle(page);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.locator('#duplicates-card summary').textContent()).toBe('مراجعة التكرارات');
    const withElder = pair(ids.bare, ids.elder);
    expect(await withElder.locator('.duplicate-reason').textContent()).toContain('لقب وحده واسم كامل');
    expect(await withElder.locator(`.duplicate-side[data-entity="${ids.elder}"] .duplicate-name`).textContent()).toBe('جورج بوش الأب');
    expect(await withElder.locator('.duplicate-keep').first().textContent()).toBe('ادمج وأبقِ هذا');
    expect(await withElder.locator('.duplicate-dismiss').textContent()).toBe('ليسا واحداً');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'duplicates-review-ar.png'), fullPage: true });
  });

  it('sets a pair apart for good', async () => {
    await page.fill('#duplicates-key', TEST_API_KEY);
    await pair(ids.bare, ids.younger).locator('.duplicate-dismiss').click();
    await explorerIdle(page);
    expect(await page.locator('.duplicates-message').textContent()).toContain('منفصلين');
    expect(await pair(ids.bare, ids.younger).count()).toBe(0);
    // Read again from the service: the dismissal was remembered, the other pair is still there.
    await page.click('#duplicates-load');
    await explorerIdle(page);
    expect(await pair(ids.bare, ids.younger).count()).toBe(0);
    expect(await pair(ids.bare, ids.elder).count()).toBe(1);
  });

  it('refuses a merge without the right key, and leaves both entities', async () => {
    await page.fill('#duplicates-key', 'not-the-key-at-all-really');
    await pair(ids.bare, ids.elder).locator(`[data-keep="${ids.elder}"]`).click();
    await explorerIdle(page);
    expect(await page.locator('#errors').isVisible()).toBe(true);
    expect(await page.locator('#errors').textContent()).toContain('UNAUTHENTICATED');
    expect(await pair(ids.bare, ids.elder).count()).toBe(1);
    const left = await db.read(async (tx) => Number((await tx.run('MATCH (p:Person {id: $id}) RETURN count(p)', { id: ids.bare })).records[0]!.get(0)));
    expect(left).toBe(1);
    // The refused request is the one console error the browser itself logs (HTTP 401).
    const refused = problems.filter((p) => p.includes('401'));
    expect(refused).toHaveLength(1);
    problems.splice(problems.indexOf(refused[0]!), 1);
    await page.click('#errors-dismiss');
  });

  it('merges into the side kept: the visit moves, the old id answers, and the kept person is drawn', async () => {
    await page.fill('#duplicates-key', TEST_API_KEY);
    await pair(ids.bare, ids.elder).locator(`[data-keep="${ids.elder}"]`).click();
    await explorerIdle(page);
    expect(await page.locator('#errors').isHidden(), (await page.locator('#errors').textContent()) ?? '').toBe(true);
    expect(await page.locator('.duplicates-message').textContent()).toMatch(/دُمج .* في جورج بوش الأب/);
    expect(await pair(ids.bare, ids.elder).count()).toBe(0);
    const travelers = await db.read(async (tx) => (await tx.run(
      "MATCH (v:Visit)-[:TRAVELER]->(p:Person) WHERE v.date = '1950-01-01' RETURN p.id AS id",
    )).records.map((r) => r.get('id') as string));
    expect(travelers).toEqual([ids.elder]);
    const old = await server.gql('query E($id: ID!) { entity(id: $id) { id name } }', { id: ids.bare });
    expect(old.data).toEqual({ entity: { id: ids.elder, name: 'George Herbert Walker Bush' } });
    await expect.poll(() => page.evaluate(() => window.cy.nodes().map((n) => n.id() as string))).toContain(ids.elder);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'duplicates-merged-ar.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
