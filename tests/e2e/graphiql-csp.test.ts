/**
 * GraphiQL under the content security policy, in a real browser (Debian's Chromium): the page
 * loads, runs a query, and the browser reports no policy violation and no error.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { useSeededServer } from '../support/server.js';

const ctx = useSeededServer();

describe('GraphiQL in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit', timeout: 900_000 });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders and loads the schema (a POST of its own code) with the policy in force, without violations', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
    });
    page.on('pageerror', (err) => problems.push(err.message));
    // GraphiQL's script asks for the schema as soon as it runs: it only can if the policy let it run.
    const introspection = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST', { timeout: 60_000 });
    const response = await page.goto(`${ctx.server.url}/graphql`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);
    await page.waitForSelector('.graphiql-container', { timeout: 60_000 });
    expect((await introspection).status()).toBe(200);
    await page.waitForTimeout(1_000);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
