/**
 * What the browser tests share: Debian's Chromium (installed with apt-get where missing, never a
 * browser download), driven headless by playwright-core; the built explorer page; a folder for
 * screenshots (git-ignored); and a watch on each page for console and page errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/config.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.join(PROJECT_ROOT, 'test-output', 'screenshots');

/** Chromium present, the screenshots folder made and, unless `page: false`, the explorer page built. */
export function prepareBrowserTests(options: { page?: boolean } = {}): void {
  execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: 'inherit', timeout: 900_000 });
  if (options.page !== false && !existsSync(path.join(PROJECT_ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: PROJECT_ROOT, stdio: 'inherit', timeout: 300_000 });
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Collects the page's console errors and uncaught errors into `problems`. */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
}

/** Waits until the explorer page has no request in flight and its drawing has settled. */
export async function explorerIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.busy === 'false');
  await page.evaluate(() => (window as unknown as { __explorer: { idle(): Promise<void> } }).__explorer.idle());
}

/** Opens the explorer at `url` (a path on `base`) and waits until it has started. */
export async function openExplorer(page: Page, base: string, url = '/'): Promise<void> {
  await page.goto(`${base}${url}`);
  await page.waitForFunction(() => Boolean((window as unknown as { __explorer?: unknown }).__explorer));
  await page.evaluate(() => (window as unknown as { __explorer: { ready: Promise<void> } }).__explorer.ready);
  await explorerIdle(page);
}
