import { expect, test, type Page, type TestInfo } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The routes of a `pub const NAME: &[&str] = &[...]` list in app/src/shell.rs, read from the
 * source, so the tests cover every route the app declares and never a stale copy.
 */
function routesFromShell(name: string): string[] {
  const shell = readFileSync(join(__dirname, '..', '..', 'app', 'src', 'shell.rs'), 'utf8');
  const list = new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\];`).exec(shell);
  if (!list) throw new Error(`${name} not found in app/src/shell.rs`);
  const routes = [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (routes.length === 0) throw new Error(`${name} in app/src/shell.rs is empty`);
  return routes;
}

/** Every public page of the portal: `ROUTES` in app/src/shell.rs. */
export const ROUTES = routesFromShell('ROUTES');

/** The account pages anyone can open: `ACCOUNT_ROUTES` in app/src/shell.rs. */
export const ACCOUNT_ROUTES = routesFromShell('ACCOUNT_ROUTES');

export const hasJs = (info: TestInfo) => info.project.name === 'js';

/**
 * Gives a journey of `steps` steps (page loads, form posts, axe scans) ten seconds for each, so
 * a long journey does not fail because the machine is busy. A page that hangs still fails it:
 * each expectation waits at most 10 s, and the server logs every response slower than 2 s
 * ("slow response", with its path) in the webServer output.
 */
export function journey(steps: number) {
  test.setTimeout(Math.max(30_000, steps * 10_000));
}

/**
 * Fails on any axe-core violation of WCAG 2.0/2.1 A and AA (and best practices).
 *
 * axe runs as JavaScript in the page, which a page with JavaScript disabled cannot do. For those,
 * the same URL (same cookies) is opened in a second page that may run axe but gets none of the
 * app's own scripts: exactly what a browser without JavaScript shows.
 */
export async function expectNoAxeViolations(page: Page) {
  let target = page;
  let cleanup = async () => {};
  if (!hasJs(test.info())) {
    const browser = page.context().browser();
    if (!browser) throw new Error('no browser to run axe in');
    const context = await browser.newContext({
      javaScriptEnabled: true,
      storageState: await page.context().storageState(),
      viewportSize: page.viewportSize() ?? undefined,
    });
    target = await context.newPage();
    await target.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
    await target.goto(page.url());
    cleanup = () => context.close();
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  await cleanup();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** With JavaScript: waits until the app has hydrated. Without: nothing to wait for. */
export async function ready(page: Page, info: TestInfo) {
  if (hasJs(info)) {
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
}

/** Collects console errors and failed CSP checks, so a broken bundle fails the test. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** The admin of the e2e server (created by playwright.config.ts), logged in on `page`. The first
 * test to get here chooses the password through the link in the development outbox; later ones
 * (and the other project) find the link used and log in with the same password. */
export async function loginAsAdmin(page: Page, info: TestInfo) {
  const password = 'oranje-molen-draait-boven-de-Vecht';
  // Every mail to the admin: the link stays findable however many mails the run sent.
  await page.goto('/dev/outbox?aan=beheer%40e2e.test');
  const link = page.locator('article', { hasText: 'beheer@e2e.test' }).locator('a[href*="/wachtwoord-herstellen?token="]');
  const href = await link.first().getAttribute('href');
  await page.goto(new URL(href!).pathname + new URL(href!).search);
  await ready(page, info);
  const field = page.locator('#veld-password');
  if (await field.count()) {
    await field.fill(password);
    await page.locator('form[action="/wachtwoord-herstellen"] button[type="submit"]').click();
  }
  await page.goto('/inloggen?lang=nl');
  await ready(page, info);
  await page.getByLabel('E-mailadres').fill('beheer@e2e.test');
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

/** A new employer organisation with a confirmed account, logged in on `page`. */
export async function newEmployer(page: Page, info: TestInfo, organisation: string) {
  const stamp = `${info.project.name}${Date.now() % 1_000_000}`;
  const email = `stages-${stamp}@werkgever.test`;
  const kvk = String(40_000_000 + (Date.now() % 1_000_000) + (hasJs(info) ? 0 : 5_000_000));
  const password = 'paarse-kikker-fietst-langs-de-IJssel';
  await page.goto('/registreren');
  await ready(page, info);
  await page.getByLabel('Naam van de organisatie').fill(organisation);
  await page.getByLabel('KvK-nummer').fill(kvk);
  await page.getByLabel('Gemeente van de vestiging').selectOption({ label: 'Kampen' });
  await page.getByLabel('Sector').selectOption('zorg');
  await page.getByLabel('Ja').check();
  await page.getByLabel('Naam', { exact: true }).fill('Fatima El Amrani');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page).toHaveURL(/melding=bevestig-email/);
  await page.goto(`/dev/outbox?aan=${encodeURIComponent(email)}`);
  const href = await page
    .locator('article', { hasText: email })
    .locator('a[href*="/bevestigen?token="]')
    .first()
    .getAttribute('href');
  await page.goto(new URL(href!).pathname + new URL(href!).search);
  await ready(page, info);
  await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

