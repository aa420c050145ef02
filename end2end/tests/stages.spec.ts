import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, journey, hasJs, loginAsAdmin, newEmployer, ready, watchConsole } from './helpers';

// The stages drive in the browser: an employer pledges places (a mistake first), a coordinator
// verifies, the public board counts them; JavaScript on and off, axe on every page. The exact
// movements of the figures are checked by the HTTP tests on a database of their own; here the
// two projects share one server, so a figure is checked to have grown by at least this pledge.

/** The figure of one bar of the thermometer on `/stages` ("pledged", "verified", …). */
async function figure(page: Page, bar: string): Promise<number> {
  const text = await page.locator(`.thermometer-${bar} .thermometer-figure`).textContent();
  return Number(text!.split(' / ')[0]);
}

test('stages: an employer pledges, a coordinator verifies, the board counts it', async ({ page, browser }, info) => {
  journey(20);
  const errors = watchConsole(page);
  await page.goto('/stages');
  await ready(page, info);
  await expect(page.getByRole('heading', { name: 'Hoe ver zijn we?' })).toBeVisible();
  const pledged = await figure(page, 'pledged');
  const verified = await figure(page, 'verified');
  expect(pledged).toBeGreaterThan(verified);
  await expectNoAxeViolations(page);

  const organisation = `Zorgboerderij ${info.project.name} ${Date.now() % 100_000}`;
  await newEmployer(page, info, organisation);
  await page.goto('/werkgevers');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stages en leerbanen aanbieden');
  await expectNoAxeViolations(page);

  // A mistake first: the level does not fit the kind, the number is out of range.
  await page.getByLabel('Wat voor plek is het?').selectOption('leerbaan_bbl');
  await page.getByLabel('Hoeveel plekken?').fill('0');
  await page.getByLabel('Voor welk niveau?').selectOption('hbo');
  await page.getByLabel('In welke sector?').selectOption('zorg');
  await page.getByLabel('In welke gemeente zijn de plekken?').selectOption({ label: 'Kampen' });
  await page.getByLabel('Vanaf').fill('2027-02-01');
  await page.getByLabel('Tot en met').fill('2028-01-31');
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('button', { name: 'Plekken toezeggen' }).click();
  await expect(page.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
  await expect(page.getByText('Dit niveau past niet bij deze soort plek.').first()).toBeVisible();
  await expect(page.getByLabel('Hoeveel plekken?')).toHaveValue('0');
  await expect(page.getByLabel('Vanaf')).toHaveValue('2027-02-01');
  await expectNoAxeViolations(page);

  // Now right: 5 leerbanen at mbo level 3.
  await page.getByLabel('Hoeveel plekken?').fill('5');
  await page.getByLabel('Voor welk niveau?').selectOption('mbo3');
  await page.getByRole('button', { name: 'Plekken toezeggen' }).click();
  await expect(page).toHaveURL(/\/werkgevers\?melding=toegezegd$/);
  await expect(page.getByRole('status')).toContainText('Uw toezegging is opgeslagen');
  const row = page.locator('table.pledges tbody tr').first();
  await expect(row).toContainText('Leerbaan (mbo BBL)');
  await expect(row).toContainText('Wacht op controle');

  // The coordinator verifies it.
  const staffContext = await browser.newContext({ javaScriptEnabled: hasJs(info) });
  const staff = await staffContext.newPage();
  await loginAsAdmin(staff, info);
  await staff.goto('/beheer');
  await ready(staff, info);
  await expect(staff.getByRole('link', { name: /Toezeggingen voor stages en leerbanen/ })).toBeVisible();
  await staff.goto('/beheer/stages');
  await ready(staff, info);
  await expectNoAxeViolations(staff);
  const item = staff.locator('li.queue-item', { hasText: organisation });
  await item.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(staff).toHaveURL(/\/beheer\/stages$/);
  await expect(staff.locator('li.queue-item', { hasText: organisation })).toHaveCount(0);
  await staffContext.close();

  // The board: at least these 5 pledged and verified, and the organisation named.
  await page.goto('/stages');
  await ready(page, info);
  expect(await figure(page, 'pledged')).toBeGreaterThanOrEqual(pledged + 5);
  expect(await figure(page, 'verified')).toBeGreaterThanOrEqual(verified + 5);
  await expect(page.locator('.named-list')).toContainText(organisation);

  // An opening of 2 of the 5 places: the board lists it, found by a word, with and without
  // JavaScript (a plain GET form).
  await page.goto('/werkgevers');
  await page.locator('table.pledges tbody tr').first().getByRole('link', { name: /Wijzigen/ }).click();
  await page.getByRole('link', { name: 'Een plek openzetten' }).click();
  await ready(page, info);
  await expect(page.getByLabel('Wat voor plek is het?')).toHaveValue('leerbaan_bbl');
  await expectNoAxeViolations(page);
  const title = `Leerbaan begeleider ${info.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel('Titel van de plek').fill(title);
  await page.getByLabel('Wat ga je doen?').fill('Je helpt bewoners bij wonen en dagbesteding.');
  await page.getByLabel('Begindatum').fill('2027-03-01');
  await page.getByLabel('Uren per week').fill('24');
  await page.getByLabel('Hoeveel jongeren kunnen hier beginnen?').fill('2');
  await page.getByLabel('Contactpersoon').fill('Mirjam Bos');
  await page.getByRole('button', { name: 'Plek openzetten' }).click();
  await expect(page).toHaveURL(/melding=plek-open$/);
  await expect(page.getByText('Nog 3 van de 5 toegezegde plekken')).toBeVisible();
  await page.goto('/stages');
  await ready(page, info);
  await page.getByLabel('Zoek op woord').fill(title.split(' ').slice(1).join(' '));
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(page.locator('#plekken-aantal')).toHaveText('1 open plekken gevonden.');
  await page.locator('li.opening', { hasText: title }).getByRole('link', { name: title }).click();
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('dl.facts')).toContainText('Mirjam Bos');
  await expectNoAxeViolations(page);

  // Changed to 3: pending again, with its history.
  await page.goto('/werkgevers');
  await page.locator('table.pledges tbody tr').first().getByRole('link', { name: /Wijzigen/ }).click();
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toezegging wijzigen');
  await expect(page.getByLabel('Hoeveel plekken?')).toHaveValue('5');
  await page.getByLabel('Hoeveel plekken?').fill('3');
  await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
  await expect(page).toHaveURL(/melding=gewijzigd$/);
  await expect(page.locator('table.pledges tbody tr').first()).toContainText('Wacht op controle');
  await page.locator('table.pledges tbody tr').first().getByRole('link', { name: /Wijzigen/ }).click();
  await expect(page.locator('ol.history')).toContainText('Gecontroleerd door een coördinator');
  await expect(page.locator('ol.history')).toContainText('Gewijzigd: 3 ×');
  await expectNoAxeViolations(page);
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

for (const lang of ['nl', 'en'] as const) {
  test(`stages board (${lang}): thermometer, breakdowns and the named organisations at 320 px`, async ({ page }, info) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`/stages?lang=${lang}`);
    await ready(page, info);
    await expect(page.getByRole('heading', { name: lang === 'nl' ? 'Hoe ver zijn we?' : 'How far are we?' })).toBeVisible();
    await expect(page.locator('.thermometer-row')).toHaveCount(4);
    await expect(page.getByRole('table').first()).toBeVisible();
    await expect(page.locator('figure.bar-chart svg[role="img"]')).toBeVisible();
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide, 'no sideways scrolling at 320 px').toBe(false);
    await expectNoAxeViolations(page);
  });
}

test('stages board with JavaScript: the list follows the filters in place, without a page load', async ({ page }, info) => {
  test.skip(!hasJs(info), 'the plain GET form is tested above');
  await page.goto('/stages');
  await ready(page, info);
  const all = await page.locator('#plekken li.opening').count();
  expect(all).toBeGreaterThan(5);
  // A mark on this document: a page load would take it away.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  // A changed filter: the address follows, the list and its (announced) count are replaced.
  await page.getByLabel('Vanaf plaats').selectOption({ label: 'Urk' });
  await page.getByLabel('Hoe ver (in rechte lijn)').selectOption('15');
  await expect(page).toHaveURL(/vanaf=urk&km=15/);
  // Two answers, two requests: wait for the list of the second (within 15 km), not the first.
  await expect.poll(() => page.locator('#plekken li.opening').count()).toBeLessThan(all);
  await expect(page.locator('#plekken li.opening').first()).toContainText('km in rechte lijn vanaf Urk');
  const near = await page.locator('#plekken li.opening').count();
  await expect(page.locator('#plekken-aantal')).toHaveText(`${near} open plekken gevonden.`);
  // A word, typed: the list follows after a pause.
  await page.getByLabel('Zoek op woord').pressSequentially('geen-plek-heet-zo', { delay: 20 });
  await expect(page.locator('#plekken-aantal')).toHaveText('0 open plekken gevonden.');
  await expect(page).toHaveURL(/q=geen-plek-heet-zo/);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'no page load').toBe(true);
  await expectNoAxeViolations(page);
});
