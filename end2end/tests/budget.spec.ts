import { test, expect, type Request } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACCOUNT_ROUTES, ROUTES, hasJs, ready } from './helpers';

// The byte budget of ../shared/design/PERFORMANCE.md, guarded: the JS + WASM a browser downloads
// on a first visit (empty cache) to any route, as served (the precompressed brotli-11 files),
// and the whole app. Sizes are deterministic for a build, so this is no timed test: it fails
// when a change makes a route heavier than the budget, and prints every route's figure.
const ROUTE_BUDGET = 200_000;
const APP_BUDGET = 400_000;

// A full result (an employer with a BBL student: every scheme card, the plan) and the
// aanmeldformulier: the heaviest pages a visitor reaches.
const RESULT =
  '/scholingscalculator?voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen';
const MEASURED = [
  ...ROUTES,
  ...ACCOUNT_ROUTES,
  RESULT,
  '/scholingscalculator/aanmelden?regeling=leerwerkloket',
  '/vacatures/skills-cv',
];

const isCode = (url: string) => /\/pkg\/.*\.(js|wasm)$/.test(new URL(url).pathname);

// Lazy islands (`#[island(lazy)]`, split off by `cargo leptos build --split`): a page with one
// also loads that island's wasm chunk, when the island hydrates. Only those pages do, and the
// chunk counts towards their budget; every other page loads the same hinted files.
const LAZY_ISLAND_PAGES = ['/subsidies', '/vacatures/skills-cv'];

// The front door aims lower (issue 10): 150 KB. A page without islands (the front door among
// them) downloads no code at all; a page with islands loads the islands' wasm and its JS glue
// (about 85 KB) and, on a lazy island's page, that island's chunk. Every route is held to the
// front door's aim.
const FRONT_DOOR_AIM = 150_000;
const LIMIT = Math.min(ROUTE_BUDGET, FRONT_DOOR_AIM);

for (const route of MEASURED) {
  test(`first visit to ${route.split('?')[0]}${route.includes('?') ? ' (with answers)' : ''}: JS + WASM within budget`, async ({ browser }, info) => {
    const context = await browser.newContext({ javaScriptEnabled: hasJs(info) });
    const page = await context.newPage();
    const finished: Request[] = [];
    page.on('requestfinished', (request) => {
      if (isCode(request.url())) finished.push(request);
    });
    await page.goto(route);
    await ready(page, info);
    await page.waitForLoadState('networkidle');
    const hinted = await page.$$eval('link[rel="preload"], link[rel="modulepreload"]', (links) =>
      links.map((l) => new URL((l as HTMLLinkElement).href).pathname.replace('/pkg/', '')),
    );
    const islands = await page.locator('leptos-island').count();
    const files = await Promise.all(
      finished.map(async (r) => {
        const response = await r.response();
        return {
          file: new URL(r.url()).pathname.replace('/pkg/', ''),
          bytes: (await r.sizes()).responseBodySize,
          encoding: (await response?.allHeaders())?.['content-encoding'] ?? 'none',
        };
      }),
    );
    await context.close();
    const total = files.reduce((sum, f) => sum + f.bytes, 0);
    console.log(`${info.project.name} ${route.split('?')[0]}: ${total} bytes of JS + WASM in ${files.length} files (${islands} islands)`);
    if (hasJs(info) && islands === 0) {
      // Complete as the server sends it: no code, and no hints for code it does not need
      // (shell::ISLAND_PAGES names exactly the pages with islands).
      expect(files, `${route}: no islands, no code`).toEqual([]);
      expect(hinted, `${route}: no islands, no hints`).toEqual([]);
    } else if (hasJs(info)) {
      // Served precompressed (brotli), one request per file, within the budget.
      for (const f of files) expect(f.encoding, f.file).toBe('br');
      expect(new Set(files.map((f) => f.file)).size, 'no file twice').toBe(files.length);
      // Every file but a lazy island's chunk was hinted in the head, so it loads beside the
      // main wasm, not after it.
      const chunks = files.filter((f) => !hinted.includes(f.file));
      if (LAZY_ISLAND_PAGES.includes(route.split('?')[0])) {
        expect(chunks.length, `${route}: its island's chunk`).toBeGreaterThan(0);
        for (const f of chunks) expect(f.file, 'a chunk is wasm').toMatch(/\.wasm$/);
      } else {
        expect(chunks, `${route}: only hinted files`).toEqual([]);
      }
      expect(total, `${route}: ${JSON.stringify(files)}`).toBeLessThanOrEqual(LIMIT);
    } else {
      // Without JavaScript nothing it cannot run: the resource hints are written by a script.
      expect(files, route).toEqual([]);
    }
  });
}

test('the front door downloads no code', async ({ page }, info) => {
  test.skip(!hasJs(info), 'without JavaScript no page downloads code (above)');
  const code: string[] = [];
  page.on('request', (request) => {
    if (isCode(request.url())) code.push(request.url());
  });
  await page.goto('/');
  await ready(page, info);
  await page.waitForLoadState('networkidle');
  expect(code).toEqual([]);
});

test('the whole app, every chunk, within budget', async ({}, info) => {
  test.skip(!hasJs(info), 'counted once');
  const pkg = join(__dirname, '..', '..', 'target', 'site', 'pkg');
  const code = readdirSync(pkg).filter((f) => /\.(js|wasm)\.br$/.test(f));
  expect(code.length, 'precompressed files exist').toBeGreaterThan(0);
  const total = code.reduce((sum, f) => sum + statSync(join(pkg, f)).size, 0);
  console.log(`the whole app: ${total} bytes of JS + WASM (brotli 11) in ${code.length} files`);
  expect(total).toBeLessThanOrEqual(APP_BUDGET);
});
