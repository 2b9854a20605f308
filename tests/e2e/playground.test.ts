/**
 * The GraphQL playground (GraphiQL at /graphql) as a newcomer meets it: Debian's Chromium with a
 * fresh profile, against the real server over the seeded graph. The editor opens on the ready-made
 * queries, the ▶ menu offers each of them, running one answers from the graph, the docs pane opens,
 * and a reload keeps the queries.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/driver.js';
import { EXAMPLES_FILE } from '../../src/graphql/yoga.js';
import { CHROMIUM, CHROMIUM_FLAGS, prepareBrowserTests } from '../support/browser.js';
import { closeServerAndDb, openSeededServer, type TestServer } from '../support/server.js';


describe('the GraphQL playground', () => {
  let db: Db;
  let server: TestServer;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let operations: string[];

  beforeAll(async () => {
    prepareBrowserTests({ page: false });
    operations = [...(await readFile(EXAMPLES_FILE, 'utf8')).matchAll(/^(?:query|mutation)\s+(\w+)/gm)].map((m) => m[1]!);
    ({ db, server } = await openSeededServer());
    // A fresh profile: nothing in localStorage from an earlier visit.
    profile = await mkdtemp(path.join(os.tmpdir(), 'dvg-playground-profile-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1400, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    await page.goto(`${server.url}/graphql`);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await closeServerAndDb(server, db);
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  const editor = () => page.locator('.graphiql-query-editor');

  it('opens with the ready-made queries in the editor, not a welcome text', async () => {
    expect(operations.length).toBeGreaterThan(3);
    await editor().getByText('query WhoEsperMet').waitFor({ timeout: 30_000 });
    expect(await editor().innerText()).not.toMatch(/Welcome to/);
    expect(await page.title()).toBe('Diplomatic visit graph');
  });

  it('lists every operation of the examples under the ▶ button', async () => {
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const items = page.getByRole('menuitem');
    await items.first().waitFor();
    expect(await items.allInnerTexts()).toEqual(operations);
  });

  it('runs WhoEsperMet from that menu and shows Tebboune in the result pane', async () => {
    await page.getByRole('menuitem', { name: 'WhoEsperMet' }).click();
    const result = page.locator('.graphiql-response');
    await result.getByText('Abdelmadjid Tebboune').first().waitFor({ timeout: 30_000 });
    const text = await result.innerText();
    expect(text).not.toMatch(/Syntax Error|"errors"/);
  });

  it('opens the docs pane on the schema', async () => {
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.waitFor();
    await docs.getByText('Query', { exact: true }).first().waitFor();
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('neighborhood').first().waitFor();
  });

  it('still shows the queries after a reload, and nothing went wrong on the page', async () => {
    await page.reload();
    await editor().getByText('query WhoEsperMet').waitFor({ timeout: 30_000 });
    expect(await editor().innerText()).not.toMatch(/Welcome to/);
    expect(problems).toEqual([]);
  });
});
