import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, journey, hasJs, loginAsAdmin, ready, watchConsole } from './helpers';

// The subsidiezoeker in the browser, JavaScript on and off, Dutch and English, axe on every
// page: search, refine, open a scheme, go to the calculator; a coordinator edits a scheme (a
// mistake first) and the search and the calculator show the change; an import with one bad row
// is refused with its line; a visitor follows a search by e-mail, confirms and unsubscribes.
// Both projects share one server: each edits a scheme of its own.

const T = {
  nl: {
    q: 'Zoek een regeling',
    submit: 'Zoeken',
    employers: /^Werkgevers/,
    conditions: 'Voorwaarden',
    toCalculator: 'Reken uit wat u zelf betaalt',
  },
  en: {
    q: 'Search for a scheme',
    submit: 'Search',
    employers: /^Employers/,
    conditions: 'Conditions',
    toCalculator: 'Work out what you pay yourself',
  },
};

for (const lang of ['nl', 'en'] as const) {
  test(`subsidies (${lang}): search, refine, open a scheme, on to the calculator`, async ({ page }, info) => {
    journey(10);
    const t = T[lang];
    const errors = watchConsole(page);
    await page.goto(`/subsidies?lang=${lang}`);
    await ready(page, info);
    await expectNoAxeViolations(page);
    await page.getByLabel(t.q).fill(lang === 'nl' ? 'leerbaan' : 'apprenticeship');
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(/[?&]q=(leerbaan|apprenticeship)/);
    const results = page.locator('#regelingen > li');
    await expect(results.first()).toBeVisible();
    const all = await results.count();
    await expect(page.locator('#regelingen mark').first()).toBeVisible();

    // Refine: employers only.
    await page.locator('fieldset', { has: page.locator('input[name="voor"]') }).getByLabel(t.employers).check();
    await page.getByRole('button', { name: t.submit }).click();
    await expect(page).toHaveURL(/voor=werkgever/);
    await expect(page.getByLabel(t.employers)).toBeChecked();
    expect(await results.count()).toBeLessThanOrEqual(all);
    await expectNoAxeViolations(page);

    // A scheme's page: everything about it, its conditions in words, on to the calculator.
    const first = results.first().locator('a').first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await ready(page, info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByRole('heading', { level: 2, name: t.conditions })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: t.toCalculator }).click();
    await expect(page).toHaveURL(/\/scholingscalculator\?voor=/);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
}

for (const lang of ['nl', 'en'] as const) {
  test(`subsidies (${lang}): with JavaScript the results follow the typing, from the open API, without a page load`, async ({ page }, info) => {
    test.skip(!hasJs(info), 'needs JavaScript; without it the form is a plain GET (tested above)');
    journey(10);
    const t = T[lang];
    const errors = watchConsole(page);
    // A shared link to a narrow search: the facet values it does not find are hidden.
    await page.goto(`/subsidies?q=praktijkleren&lang=${lang}`);
    await ready(page, info);
    const status = page.locator('#regelingen-aantal');
    const narrow = (await status.textContent())!.trim();
    const shownValues = page.locator('.facets .checkbox:visible');
    const fewValues = await shownValues.count();
    // A marker that a page load would wipe out.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    // Emptying the field lists everything: the values come back, with their counts.
    await page.getByLabel(t.q).fill('');
    await expect(status).not.toHaveText(narrow);
    await expect(page).toHaveURL(/\/subsidies$/);
    await expect.poll(() => shownValues.count()).toBeGreaterThan(fewValues);
    const everything = (await status.textContent())!.trim();
    await expectNoAxeViolations(page);

    const api = page.waitForResponse((r) => r.url().includes('/api/v1/regelingen?') && r.url().includes('q=praktijkleren'));
    await page.getByLabel(t.q).pressSequentially('praktijkleren', { delay: 20 });
    expect((await api).status()).toBe(200);
    await expect(status).not.toHaveText(everything);
    await expect(page).toHaveURL(/\/subsidies\?q=praktijkleren/);
    // (Which of the two praktijkleren schemes comes first depends on the day: a scheme whose
    // window is closed for now ranks lower. Both are at the top.)
    await expect(page.locator('#regelingen > li').first()).toHaveAttribute('id', /^regeling-praktijkleren/);
    await expect(page.locator('#regelingen > li:nth-child(-n+2)#regeling-praktijkleren')).toHaveCount(1);
    await expect(page.locator('#regelingen mark').first()).toBeVisible();
    await expect(page.locator('#regelingen')).toHaveCount(1);
    await expect.poll(() => shownValues.count()).toBe(fewValues);
    // The facets count this search; the follow form follows it.
    const employers = page.locator('label[for="facet-voor-werkgever"]');
    await expect(employers).toHaveText(new RegExp(`${t.employers.source.slice(1)} \\(\\d+\\)$`));
    await expect(page.locator('#volgen-formulier')).toHaveAttribute('action', /q=praktijkleren/);
    // A facet refines at once, and the focus stays on it.
    await page.locator('#facet-voor-werkgever').check();
    await expect(page).toHaveURL(/voor=werkgever/);
    await expect(page.locator('#facet-voor-werkgever')).toBeFocused();
    await expect(page.locator('#regelingen > li').first()).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expectNoAxeViolations(page);
    // Nothing found: the count says so, the list is empty, the ticked value stays to undo.
    await page.getByLabel(t.q).fill('xqzwvbnmk');
    await expect(status).toContainText('0');
    await expect(page.locator('#regelingen > li')).toHaveCount(0);
    await expect(page.locator('#facet-voor-werkgever')).toBeVisible();
    await expect(page.locator('#facet-voor-werkgever')).toBeChecked();
    // Unticking it (nothing found either way) keeps it where the person's focus is.
    await page.locator('#facet-voor-werkgever').uncheck();
    await expect(page).not.toHaveURL(/voor=werkgever/);
    await expect(page.locator('#facet-voor-werkgever')).toBeVisible();
    await expect(page.locator('#facet-voor-werkgever')).toBeFocused();
    // The address bar holds the search: loading it gives the same.
    await page.getByLabel(t.q).fill('praktijkleren');
    await expect(page).toHaveURL(/q=praktijkleren/);
    // (Which of the two praktijkleren schemes comes first depends on the day: a scheme whose
    // window is closed for now ranks lower. Both are at the top.)
    await expect(page.locator('#regelingen > li').first()).toHaveAttribute('id', /^regeling-praktijkleren/);
    await expect(page.locator('#regelingen > li:nth-child(-n+2)#regeling-praktijkleren')).toHaveCount(1);
    const shown = (await status.textContent())!.trim();
    const values = await shownValues.count();
    await page.reload();
    await ready(page, info);
    await expect(status).toHaveText(shown);
    expect(await shownValues.count()).toBe(values);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
}

test('subsidies: a scheme opens the calculator with what the scheme tells filled in', async ({ page }, info) => {
  journey(4);
  await page.goto('/subsidies/oom-leerwerkbijdrage?lang=nl');
  await ready(page, info);
  await page.getByRole('link', { name: 'Reken uit wat u zelf betaalt' }).click();
  await expect(page).toHaveURL(/\/scholingscalculator\?voor=werkgever&sector=techniek&soort=mbo_bbl$/);
  await ready(page, info);
  await expect(page.locator('#veld-sector')).toHaveValue('techniek');
  await expect(page.locator('#veld-soort')).toHaveValue('mbo_bbl');
  await expectNoAxeViolations(page);
});

test('subsidies: narrow screen and print keep the results readable', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/subsidies?q=opleiding');
  await ready(page, info);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#regelingen > li').first()).toBeVisible();
});

// Each project and language edits a scheme of its own (the tests run side by side), one the
// calculator shows in full for a 34-year-old on bijstand in Kampen.
const CATALOGUE = {
  nl: {
    schemes: { js: 'gemeente-scholingsbudget-bijstand', nojs: 'levenlanglerenkrediet' },
    title: 'Regelingen beheren',
    edit: 'Regeling bewerken',
    save: 'Wijzigingen opslaan',
    problem: 'Er is een probleem',
    saved: 'De regeling is opgeslagen',
    note: (word: string) => `Let op de ${word}.`,
    importFile: 'Bestand inlezen',
    refused: 'Het bestand is niet ingelezen',
  },
  en: {
    schemes: { js: 'hca-groei-vooruit', nojs: 'leerwerkloket' },
    title: 'Manage schemes',
    edit: 'Edit a scheme',
    save: 'Save the changes',
    problem: 'There is a problem',
    saved: 'The scheme is saved',
    note: (word: string) => `Mind the ${word}.`,
    importFile: 'Import the file',
    refused: 'The file was not imported',
  },
};

for (const lang of ['nl', 'en'] as const) {
  test(`catalogue (${lang}): a coordinator edits a scheme; search and calculator show it; a bad import changes nothing`, async ({ page }, info) => {
    const c = CATALOGUE[lang];
    journey(16);
    const errors = watchConsole(page);
    const id = hasJs(info) ? c.schemes.js : c.schemes.nojs;
    const word = `zeearend${lang}${info.project.name}${Date.now() % 100_000}`;
    await loginAsAdmin(page, info);
    await page.goto(`/beheer/regelingen?lang=${lang}`);
    await ready(page, info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.title);
    await expectNoAxeViolations(page);
    await page.locator(`a[href="/beheer/regelingen/bewerk?id=${id}"]`).click();
    await ready(page, info);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.edit);
    await expectNoAxeViolations(page);

    // A mistake: a note in Dutch only, a date the wrong way round.
    await page.locator('#veld-notes_nl').fill(CATALOGUE.nl.note(word));
    await page.locator('#veld-notes_en').fill('');
    await page.locator('#veld-valid_from').fill('31-12-2026');
    await page.getByRole('button', { name: c.save }).click();
    await expect(page.getByRole('heading', { name: c.problem })).toBeVisible();
    await expect(page.locator('.error-summary a[href="#veld-notes_en"]')).toBeVisible();
    await expect(page.locator('.error-summary a[href="#veld-valid_from"]')).toBeVisible();
    await expect(page.locator('#veld-notes_nl')).toHaveValue(CATALOGUE.nl.note(word));
    await expectNoAxeViolations(page);

    // Now right.
    await page.locator('#veld-notes_en').fill(CATALOGUE.en.note(word));
    await page.locator('#veld-valid_from').fill('');
    await page.getByRole('button', { name: c.save }).click();
    await expect(page).toHaveURL(/\/beheer\/regelingen\?melding=opgeslagen$/);
    await expect(page.getByRole('status').first()).toContainText(c.saved);

    // The search finds the new word at once, and the calculator shows the note.
    await page.goto(`/subsidies?q=${word}`);
    await expect(page.locator('#regelingen > li')).toHaveCount(1);
    await expect(page.locator(`#regelingen a[href="/subsidies/${id}"]`)).toBeVisible();
    await page.goto('/scholingscalculator?voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12');
    await expect(page.getByText(c.note(word))).toBeVisible();

    // An import with one bad row: refused, the line named, nothing changed.
    const exported = await page.request.get('/beheer/regelingen/regelingen.csv');
    expect(exported.status()).toBe(200);
    const csv = (await exported.text()).replace(/^\uFEFF/, '');
    const lines = csv.split('\n');
    const row = lines.findIndex((l) => l.startsWith('praktijkverklaring;'));
    expect(row).toBeGreaterThan(0);
    lines[row] = lines[row].replace(';individual;', ';iedereen;');
    await page.goto('/beheer/regelingen');
    await ready(page, info);
    await page.locator('#veld-bestand').setInputFiles({
      name: 'regelingen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n'), 'utf8'),
    });
    await page.getByRole('button', { name: c.importFile }).click();
    await expect(page.getByRole('heading', { name: c.refused })).toBeVisible();
    const problem = page.locator('.import-problems tbody tr').first();
    await expect(problem).toContainText(String(row + 1));
    await expect(problem).toContainText('praktijkverklaring');
    await expect(problem).toContainText('audience');
    await expectNoAxeViolations(page);
    const after = await page.request.get('/beheer/regelingen/regelingen.csv');
    expect((await after.text()).includes(CATALOGUE.nl.note(word))).toBe(true);
    expect((await after.text()).includes(';iedereen;')).toBe(false);
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
}

// Each project and language changes a scheme of its own (the tests run side by side).
const ALERT = {
  nl: {
    email: 'Uw e-mailadres',
    send: 'Stuur mij een melding',
    problem: 'Er is een probleem',
    q: 'Zoek een regeling',
    sent: 'We hebben u een e-mail gestuurd',
    pending: 'Nog niet bevestigd',
    confirm: 'Melding bevestigen',
    on: 'Uw melding staat aan',
    onBadge: 'Staat aan',
    digest: 'Nieuwe of gewijzigde regelingen voor uw zoekopdracht',
    search: '“scholing” (Werkenden en werkzoekenden)',
    remove: 'Melding verwijderen',
    title: 'Uw melding voor nieuwe regelingen',
    removed: 'Uw melding is verwijderd',
    missing: 'Deze melding bestaat niet',
    changed: { js: 'uwv-scholing-ww', nojs: 'uwv-scholingsvoucher-50plus' },
  },
  en: {
    email: 'Your e-mail address',
    send: 'Send me an alert',
    problem: 'There is a problem',
    q: 'Search for a scheme',
    sent: 'We sent you an e-mail',
    pending: 'Not confirmed yet',
    confirm: 'Confirm the alert',
    on: 'Your alert is on',
    onBadge: 'On',
    digest: 'New or changed schemes for your search',
    search: '“scholing” (Workers and job seekers)',
    remove: 'Delete the alert',
    title: 'Your alert for new schemes',
    removed: 'Your alert is deleted',
    missing: 'This alert does not exist',
    changed: { js: 'uwv-scholingsvoucher-kansberoep', nojs: 'scholingsvoucher-jongeren-regio-zwolle' },
  },
};

for (const lang of ['nl', 'en'] as const) {
  test(`alerts (${lang}): follow a search by e-mail, confirm, get a digest after a change, unsubscribe without an account`, async ({ page }, info) => {
    journey(18);
    const t = ALERT[lang];
    const email = `volger-${info.project.name}-${lang}-${Date.now() % 100_000}@example.test`;
    await page.goto(`/subsidies?q=scholing&voor=inwoner&lang=${lang}`);
    await ready(page, info);
    await page.getByLabel(t.email).fill('geen-adres');
    await page.getByRole('button', { name: t.send }).click();
    await expect(page.getByRole('heading', { name: t.problem })).toBeVisible();
    await expect(page.getByLabel(t.email)).toHaveValue('geen-adres');
    await expect(page.getByLabel(t.q)).toHaveValue('scholing');
    await expectNoAxeViolations(page);
    await page.getByLabel(t.email).fill(email);
    await page.getByRole('button', { name: t.send }).click();
    await expect(page).toHaveURL(/melding=bevestig/);
    await expect(page.locator('#volgen [role="status"]')).toContainText(t.sent);

    await page.goto(`/dev/outbox?aan=${encodeURIComponent(email)}`);
    const href = await page.locator('article').first().locator('a[href*="/subsidies/melding?sleutel="]').first().getAttribute('href');
    const manage = new URL(href!).pathname + new URL(href!).search;
    await page.goto(`${manage}&lang=${lang}`);
    await ready(page, info);
    await expect(page.getByText(t.pending)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: t.confirm }).click();
    await expect(page.getByRole('status')).toContainText(t.on);
    await expect(page.getByText(t.onBadge, { exact: true })).toBeVisible();

    // A coordinator changes a scheme the search finds ...
    const changed = t.changed[hasJs(info) ? 'js' : 'nojs'];
    const word = `ijsvogel${info.project.name}${lang}${Date.now() % 100_000}`;
    await loginAsAdmin(page, info);
    await page.goto(`/beheer/regelingen/bewerk?id=${changed}&lang=nl`);
    await ready(page, info);
    await page.locator('#veld-notes_nl').fill(`Let op de ${word}.`);
    await page.locator('#veld-notes_en').fill(`Mind the ${word}.`);
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await expect(page).toHaveURL(/\/beheer\/regelingen\?melding=opgeslagen$/);
    // ... and the next daily digest (sent now, as it would be tomorrow), in the alert's
    // language, names it.
    const sent = await page.request.post(`/dev/meldingen?aan=${encodeURIComponent(email)}`);
    expect(sent.status()).toBe(200);
    expect(await sent.text()).toBe('1');
    await page.goto(`/dev/outbox?aan=${encodeURIComponent(email)}`);
    const digest = page.locator('article', { hasText: t.digest });
    await expect(digest).toHaveCount(1);
    await expect(digest).toContainText(`/subsidies/${changed}`);
    await expect(digest).toContainText(t.search);
    const stop = (await digest.textContent())!.match(/\/subsidies\/melding\?sleutel=[\w.-]+/);
    expect(stop?.[0]).toBe(manage);

    // Its link stops the alert, without an account.
    await page.goto(`${manage}&lang=${lang}`);
    await ready(page, info);
    await page.getByRole('button', { name: t.remove }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(t.title);
    await expect(page.getByText(t.removed)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto(manage);
    await expect(page.getByText(t.missing)).toBeVisible();
  });
}
