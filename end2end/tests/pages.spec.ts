import { test, expect } from '@playwright/test';
import { ROUTES, expectNoAxeViolations, ready, watchConsole } from './helpers';

// Every page, in both languages: server-rendered, the right <html lang>, one h1, no axe
// violations, and (with JavaScript) hydrated without a console error.
for (const lang of ['nl', 'en']) {
  for (const route of ROUTES) {
    test(`${route} in ${lang} renders and passes axe`, async ({ page }, info) => {
      const errors = watchConsole(page);
      const response = await page.goto(`${route}?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await ready(page, info);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('navigation', { name: lang === 'nl' ? 'Hoofdmenu' : 'Main menu' })).toBeVisible();
      await expectNoAxeViolations(page);
      expect(errors).toEqual([]);
    });
  }
}

test('unknown paths get the 404 page inside the layout', async ({ page }, info) => {
  const response = await page.goto('/bestaat-niet');
  expect(response?.status()).toBe(404);
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina niet gevonden');
  await expect(page.getByRole('link', { name: 'Scholingscalculator' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('works on a 320 px wide screen without horizontal scrolling', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  await ready(page, info);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
});
