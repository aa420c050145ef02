import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, journey, ready, watchConsole } from './helpers';

test('the main journey: home → area → other area, by the navigation', async ({ page }, info) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leren en werken in Regio Zwolle');

  // Every page is a document of its own (the server renders it; only islands run in the
  // browser), with and without JavaScript: count the documents the clicks load.
  let documentRequests = 0;
  page.on('request', (req) => {
    if (req.resourceType() === 'document') documentRequests += 1;
  });

  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await nav.getByRole('link', { name: 'Scholingscalculator' }).click();
  await expect(page).toHaveURL(/\/scholingscalculator$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scholingscalculator');
  await expect(nav.getByRole('link', { name: 'Scholingscalculator' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page);

  await nav.getByRole('link', { name: 'Stages en leerbanen' }).click();
  await expect(page).toHaveURL(/\/stages$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stages en leerbanen');
  await expect(page).toHaveTitle('Stages en leerbanen – Huis van Werk');

  await ready(page, info);
  expect(documentRequests).toBe(2);
  expect(errors).toEqual([]);
});

test('the language switch works on every page and is remembered', async ({ page }, info) => {
  journey(8);
  await page.goto('/subsidies');
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/subsidies\?lang=en$/);
  await ready(page, info);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search subsidies');
  await expectNoAxeViolations(page);

  // Remembered: the next page, reached through the navigation, is English too.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Monitor' }).click();
  await expect(page).toHaveURL(/\/monitor$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Monitor');
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Learning and working in Regio Zwolle');

  await page.getByRole('link', { name: 'Nederlands' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Leren en werken in Regio Zwolle');
});

test('keyboard: the skip link is the first stop and leads to the content', async ({ page }, info) => {
  await page.goto('/intake');
  await ready(page, info);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#inhoud$/);
  await expect(page.locator('main')).toBeFocused();
});

test('audience entry points on the home page lead to their areas', async ({ page }, info) => {
  await page.goto('/');
  await ready(page, info);
  await page.getByRole('link', { name: 'Bereken wat u zelf betaalt' }).click();
  await expect(page).toHaveURL(/\/scholingscalculator$/);
  await page.goBack();
  await ready(page, info);
  await page.getByRole('link', { name: 'Bekijk stages en leerbanen' }).click();
  await expect(page).toHaveURL(/\/stages$/);
});
