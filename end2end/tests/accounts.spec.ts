import { test, expect, type Page } from '@playwright/test';
import { ACCOUNT_ROUTES, expectNoAxeViolations, hasJs, journey, loginAsAdmin, ready } from './helpers';

for (const lang of ['nl', 'en']) {
  for (const path of ACCOUNT_ROUTES) {
    test(`${path} in ${lang} passes axe`, async ({ page }, info) => {
      const response = await page.goto(`${path}?lang=${lang}`);
      expect(response?.status()).toBe(200);
      await ready(page, info);
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoAxeViolations(page);
    });
  }
}

/** A unique KvK number and address per test run and project. */
function unique(info: { project: { name: string } }) {
  const n = `${Date.now()}`.slice(-6) + (info.project.name === 'js' ? '1' : '2') + `${Math.floor(Math.random() * 10)}`;
  return { kvk: n.slice(-8).padStart(8, '1'), email: `werkgever-${n}-${info.project.name}@voorbeeld.nl` };
}

/** The newest link to `path` in an e-mail to `recipient`, from the development outbox. */
async function linkFromOutbox(page: Page, path: string, recipient: string): Promise<string> {
  await page.goto(`/dev/outbox?aan=${encodeURIComponent(recipient)}`);
  const link = page.locator('article', { hasText: recipient }).locator(`a[href*="${path}?token="]`).first();
  await expect(link).toBeVisible();
  const href = await link.getAttribute('href');
  return new URL(href!).pathname + new URL(href!).search;
}

test('employer: bad input, sign up, confirm, log in, log out, reset password, log in', async ({ page }, info) => {
  journey(25);
  const { kvk, email } = unique(info);
  const password = 'paarse-kikker-fietst-langs-de-IJssel';
  const newPassword = 'groene-giraffe-zwemt-in-het-Zwarte-Water';

  // Bad input first: messages beside the fields, a summary on top, input kept.
  await page.goto('/registreren');
  await ready(page, info);
  await page.getByLabel('Naam van de organisatie').fill('Bakkerij De Korf');
  await page.getByLabel('KvK-nummer').fill('1234');
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
  await expect(page.getByText('Een KvK-nummer heeft 8 cijfers').first()).toBeVisible();
  await expect(page.getByLabel('Naam van de organisatie')).toHaveValue('Bakkerij De Korf');
  await expectNoAxeViolations(page);

  // Now right.
  await page.getByLabel('KvK-nummer').fill(kvk);
  await page.getByLabel('Gemeente van de vestiging').selectOption({ label: 'Zwolle' });
  await page.getByLabel('Sector').selectOption('horeca');
  await page.getByLabel('Ja').check();
  await page.getByLabel('Naam', { exact: true }).fill('Anna de Vries');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page).toHaveURL(/\/inloggen\?melding=bevestig-email$/);
  await expect(page.getByRole('status')).toContainText('We hebben u een e-mail gestuurd');

  // Confirm through the link in the e-mail.
  await page.goto(await linkFromOutbox(page, '/bevestigen', email));
  await ready(page, info);
  await page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }).click();
  await expect(page).toHaveURL(/\/inloggen\?melding=bevestigd$/);

  // Log in.
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);

  // Invite a colleague; the colleague joins through the link in the e-mail.
  const colleague = email.replace('werkgever-', 'collega-');
  await page.getByLabel('E-mailadres van uw collega').fill(colleague);
  await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
  await expect(page).toHaveURL(/\/account\?melding=uitnodiging-verstuurd$/);
  await expect(page.getByRole('status')).toContainText('De uitnodiging is verstuurd');
  const invitation = await linkFromOutbox(page, '/uitnodiging', colleague);
  const other = await page.context().browser()!.newContext({ javaScriptEnabled: info.project.name === 'js' });
  const colleaguePage = await other.newPage();
  await colleaguePage.goto(invitation);
  await ready(colleaguePage, info);
  await expectNoAxeViolations(colleaguePage);
  await colleaguePage.getByLabel('Naam').fill('Bram Bakker');
  await colleaguePage.getByLabel('Wachtwoord').fill('zes-blauwe-fietsen-bij-het-station');
  await colleaguePage.getByRole('button', { name: 'Account maken' }).click();
  await expect(colleaguePage).toHaveURL(/\/account$/);
  await expect(colleaguePage.getByRole('main').getByText('Bram Bakker')).toBeVisible();
  await expect(colleaguePage.getByRole('main').getByText('Bakkerij De Korf')).toBeVisible();
  await expect(colleaguePage.getByRole('contentinfo')).toContainText('Ingelogd als Bram Bakker.');
  await other.close();

  // Log out, from the footer of any page: it says who is logged in.
  await page.goto('/stages');
  await ready(page, info);
  await expect(page.getByRole('contentinfo')).toContainText('Ingelogd als');
  await expect(page.getByRole('contentinfo').getByRole('link', { name: /Inloggen/ })).toHaveCount(0);
  await page.getByRole('contentinfo').getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(/\/inloggen\?melding=uitgelogd$/);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/inloggen$/);

  // Reset the password.
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page).toHaveURL(/\/wachtwoord-vergeten$/);
  await ready(page, info);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByRole('button', { name: 'Stuur mij een link' }).click();
  await expect(page.getByRole('status')).toContainText('De link werkt 1 uur');
  await page.goto(await linkFromOutbox(page, '/wachtwoord-herstellen', email));
  await ready(page, info);
  await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await expect(page).toHaveURL(/\/inloggen\?melding=wachtwoord-gewijzigd$/);

  // Log in with the new password.
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(newPassword);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn account');
});

test('admin: choose a password, see users and the audit log, create a coordinator', async ({ page }, info) => {
  journey(8);
  // The admin made by `create-admin` chooses a password through the link in the outbox.
  await loginAsAdmin(page, info);
  await expectNoAxeViolations(page);

  // The header leads to the beheer start page: every queue with what is open.
  await page.getByRole('banner').getByRole('link', { name: 'Beheer' }).click();
  await expect(page).toHaveURL(/\/beheer$/);
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beheer');
  const queue = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Aanmeldingen uit de scholingscalculator' }) });
  await expect(queue).toContainText(/\d+ open/);
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole('link', { name: 'Gebruikers' }).click();
  await expect(page).toHaveURL(/\/beheer\/gebruikers$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebruikers');
  await expectNoAxeViolations(page);
  const advisor = `adviseur-${Date.now()}-${info.project.name}@regio.test`;
  await page.getByLabel('Naam').fill('Sanne Adviseur');
  await page.getByLabel('E-mailadres').fill(advisor);
  await page.getByRole('button', { name: 'Account aanmaken' }).click();
  await expect(page).toHaveURL(/\/beheer\/gebruikers\?melding=aangemaakt$/);
  await expect(page.getByRole('cell', { name: advisor })).toBeVisible();

  await page.goto('/beheer/audit');
  await ready(page, info);
  await expect(page.getByRole('cell', { name: 'coordinator_created' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a link from a page to another loads it whole from the server', async ({ page }, info) => {
  // Every page is a document the server renders (islands: no client router): the browser
  // follows the link, and the page arrives whole — title, form and all.
  await page.goto('/stages');
  await ready(page, info);
  if (hasJs(info)) await page.evaluate(() => ((window as any).__hvwMarker = 'still here'));
  await page.getByRole('contentinfo').getByRole('link', { name: /Inloggen/ }).click();
  await expect(page).toHaveURL(/\/inloggen$/);
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
  await expect(page).toHaveTitle('Inloggen – Huis van Werk');
  await expect(page.getByLabel('E-mailadres')).toBeVisible();
  expect(await page.evaluate(() => (window as any).__hvwMarker)).toBeUndefined();
  // Back to where the person came from.
  await page.goBack();
  await expect(page).toHaveURL(/\/stages$/);
  await expectNoAxeViolations(page);
});
