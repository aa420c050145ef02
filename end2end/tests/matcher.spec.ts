import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoAxeViolations, journey, hasJs, loginAsAdmin, newEmployer, ready, watchConsole } from './helpers';

// The Skills CV and the vaardigheden → gap → funded training → vacancy chain in the browser:
// a person builds a CV (with JavaScript: the search as you type; without: the search button
// and boxes to tick), sees explained matches, follows a missing skill's training into the
// calculator, downloads the CV and opens it again. An employer posts a vacancy that the
// search then finds; a coordinator imports a file with a bad record. JavaScript on and off,
// Dutch and English, axe on every page.

const words = {
  nl: {
    search: 'Zoek een vaardigheid',
    searchButton: 'Zoek',
    addTicked: 'Zet aangevinkte vaardigheden in mijn CV',
    workedAs: 'Ik werkte als',
    years: 'Aantal jaren',
    offer: 'Toon de vaardigheden van dit beroep',
    town: 'Waar woont u?',
    km: 'Hoeveel kilometer wilt u hooguit reizen?',
    show: 'Toon vacatures die bij mij passen',
    matchesTitle: 'Vacatures die bij u passen',
    fits: 'Past voor',
    change: 'Pas uw Skills-CV aan',
    download: 'Download mijn Skills-CV',
    upload: 'Kies het bestand (skills-cv.json)',
    open: 'Open dit Skills-CV',
    wound: 'Wondverzorging',
    restored: 'teruggezet',
    tooFar: 'Vul een afstand in van 1 tot 200 kilometer.',
    problem: 'Er is een probleem',
  },
  en: {
    search: 'Search for a skill',
    searchButton: 'Search',
    addTicked: 'Add the ticked skills to my CV',
    workedAs: 'I worked as',
    years: 'Number of years',
    offer: "Show this occupation's skills",
    town: 'Where do you live?',
    km: 'At most how many kilometres do you want to travel?',
    show: 'Show vacancies that fit me',
    matchesTitle: 'Vacancies that fit you',
    fits: 'Fits',
    change: 'Change your Skills CV',
    download: 'Download my Skills CV',
    upload: 'Choose the file (skills-cv.json)',
    open: 'Open this Skills CV',
    wound: 'Wound care',
    restored: 'put back',
    tooFar: 'Enter a distance from 1 to 200 kilometres.',
    problem: 'There is a problem',
  },
} as const;

/** Adds the wound care skill: typed and picked with JavaScript, searched and ticked without. */
async function addWoundCare(page: Page, info: TestInfo, w: (typeof words)['nl' | 'en']) {
  const field = page.getByLabel(w.search, { exact: true });
  if (hasJs(info)) {
    await field.pressSequentially('wondverz', { delay: 40 });
    const suggestion = page.locator('#cv-suggesties button[data-skill="zorg-wondverzorging"]');
    await expect(suggestion).toBeVisible();
    await suggestion.click();
    await expect(page.locator('#cv-suggesties-status')).toContainText(w.wound);
  } else {
    await field.fill('wondverz');
    await page.getByRole('button', { name: w.searchButton, exact: true }).click();
    await page.locator('#cv-gevonden-zorg-wondverzorging').check();
    await page.getByRole('button', { name: w.addTicked }).click();
  }
  await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toBeChecked();
}

for (const lang of ['nl', 'en'] as const) {
  test(`skills cv (${lang}): a CV, explained matches, a training into the calculator, download and upload`, async ({ page, browser }, info) => {
    journey(24);
    const w = words[lang];
    const errors = watchConsole(page);
    await page.goto(`/vacatures/skills-cv?lang=${lang}`);
    await ready(page, info);
    await expectNoAxeViolations(page);

    await addWoundCare(page, info, w);
    // From an occupation: its skills to tick.
    await page.getByLabel(w.workedAs).first().selectOption('verzorgende-ig');
    await page.getByLabel(w.years).first().fill('6');
    await page.getByRole('button', { name: w.offer }).click();
    const offered = page.locator('#cv-beroep input[type=checkbox]');
    await expect(offered.first()).toBeVisible();
    for (const id of ['zorg-persoonlijke-verzorging', 'zorg-observeren', 'zorg-rapporteren', 'basis-nederlands-b1']) {
      await page.locator(`#cv-beroep-${id}`).check();
    }
    await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toBeChecked();
    await page.getByLabel(w.town).selectOption('zwolle');
    // A mistake first: kept beside its field, with the summary at the top.
    await page.getByLabel(w.km).fill('900');
    await page.getByRole('button', { name: w.show }).click();
    await expect(page.getByRole('heading', { name: w.problem })).toBeVisible();
    await expect(page.getByText(w.tooFar).first()).toBeVisible();
    await expect(page.getByLabel(w.km)).toHaveValue('900');
    await expect(page.locator('#cv-gekozen-zorg-observeren')).toBeChecked();
    await expectNoAxeViolations(page);

    await page.getByLabel(w.km).fill('30');
    await page.getByRole('button', { name: w.show }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.matchesTitle);
    const matches = page.locator('li.match');
    await expect(matches.first()).toBeVisible();
    await expect(matches.first()).toContainText(w.fits);
    await expect(matches.first()).toContainText('km');
    await expectNoAxeViolations(page);
    // At 320 px nothing runs off the side.
    await page.setViewportSize({ width: 320, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(wide, 'no sideways scrolling at 320 px').toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });

    // A missing skill's training leads into the calculator with what is known filled in.
    const toCalculator = page.locator('li.training a[href^="/scholingscalculator?"]').first();
    await expect(toCalculator).toBeVisible();
    const href = await toCalculator.getAttribute('href');
    expect(href).toContain('soort=');
    expect(href).toContain('kosten=');
    // (Opened beside this page: going back to a posted page would post it again.)
    const calculator = await page.context().newPage();
    await calculator.goto(href!);
    await ready(calculator, info);
    await expect(calculator.locator('#veld-kosten')).not.toHaveValue('');
    await expectNoAxeViolations(calculator);
    await calculator.close();

    // Back to the CV with everything kept; download it.
    await page.getByRole('button', { name: w.change }).click();
    await ready(page, info);
    await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toBeChecked();
    await expect(page.getByLabel(w.km)).toHaveValue('30');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: w.download }).click(),
    ]);
    const file = await download.path();
    const cv = JSON.parse(readFileSync(file!, 'utf8'));
    expect(cv.skills).toContain('zorg-wondverzorging');
    expect(cv.wishes.town).toBe('zwolle');

    if (hasJs(info)) {
      // The CV stayed on this device: an empty CV page puts it back.
      await page.goto(`/vacatures/skills-cv?lang=${lang}`);
      await ready(page, info);
      await expect(page.locator('#cv-status')).toContainText(w.restored);
      await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toBeChecked();
      // Starting again forgets it.
      await page.locator('#cv-wissen').click();
      await ready(page, info);
      await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toHaveCount(0);
      await page.reload();
      await ready(page, info);
      await expect(page.locator('#cv-gekozen-zorg-wondverzorging')).toHaveCount(0);
    }

    // Another browser opens the downloaded file.
    const other = await browser.newContext({ javaScriptEnabled: hasJs(info) });
    const fresh = await other.newPage();
    await fresh.goto(`/vacatures/skills-cv?lang=${lang}`);
    await ready(fresh, info);
    await fresh.getByLabel(w.upload).setInputFiles(file!);
    await fresh.getByRole('button', { name: w.open }).click();
    await expect(fresh.locator('#cv-gekozen-zorg-wondverzorging')).toBeChecked();
    await expect(fresh.getByLabel(w.town)).toHaveValue('zwolle');
    await expectNoAxeViolations(fresh);
    await other.close();
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
}

test('vacancies: an employer posts a vacancy and the search finds it', async ({ page }, info) => {
  journey(16);
  const errors = watchConsole(page);
  const organisation = `Thuiszorg De Vecht ${info.project.name} ${Date.now() % 100_000}`;
  await newEmployer(page, info, organisation);
  await page.goto('/werkgevers/vacatures');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vacatures van uw organisatie');
  await expectNoAxeViolations(page);

  // A mistake first.
  await page.getByLabel('Titel').fill('Wijkverpleegkundige');
  await page.getByRole('button', { name: 'Plaats de vacature' }).click();
  await expect(page.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
  await expect(page.getByText('Kies de plaats van het werk.').first()).toBeVisible();
  await expect(page.getByLabel('Titel')).toHaveValue('Wijkverpleegkundige');
  await expectNoAxeViolations(page);

  const title = `Verzorgende IG ${info.project.name} ${Date.now() % 100_000}`;
  await page.getByLabel('Titel').fill(title);
  await page.getByLabel('Omschrijving').fill('Je verzorgt cliënten thuis en doet wondverzorging.\nMooi meegenomen: ervaring met dementie.');
  await page.getByLabel('Vaardigheden die nodig zijn').fill('medicatie toedienen, rapporteren');
  await page.getByLabel('Plaats van het werk').selectOption({ label: 'Kampen' });
  await page.getByLabel('Minimaal aantal uren per week').fill('24');
  await page.getByLabel('Maximaal aantal uren per week').fill('32');
  await page.getByRole('radio', { name: 'Tijdelijk' }).check();
  await page.getByRole('button', { name: 'Plaats de vacature' }).click();
  await expect(page).toHaveURL(/melding=geplaatst$/);
  await expect(page.getByRole('status')).toContainText('De vacature staat online.');
  await expect(page.locator('#eigen-vacatures')).toContainText(title);

  // The plain search finds it (with JavaScript the list follows the typing in place).
  await page.goto('/vacatures');
  await ready(page, info);
  const field = page.getByLabel('Zoekwoord');
  if (hasJs(info)) {
    await field.pressSequentially(title.split(' ').slice(2).join(' '), { delay: 20 });
    await expect(page.locator('#vacatures-aantal')).toHaveText('1 vacature gevonden');
    await expect(page).toHaveURL(/\/vacatures\?q=/);
  } else {
    await field.fill(title.split(' ').slice(2).join(' '));
    await page.getByRole('button', { name: 'Zoek vacatures' }).click();
    await expect(page.locator('#vacatures-aantal')).toHaveText('1 vacature gevonden');
  }
  await page.getByRole('link', { name: title }).click();
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('main')).toContainText('Wondverzorging');
  await expect(page.locator('main')).toContainText(organisation);
  await expectNoAxeViolations(page);
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('vacancies: a coordinator imports a file and the bad record is named', async ({ page }, info) => {
  journey(10);
  await loginAsAdmin(page, info);
  await page.goto('/beheer/vacatures');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vacatures importeren');
  await expectNoAxeViolations(page);
  // No file: told beside the field.
  await page.getByRole('button', { name: 'Importeer' }).click();
  await expect(page.getByText('Kies een bestand.').first()).toBeVisible();
  // The example CSV: five good vacancies, the one in Amsterdam skipped with its line.
  await page.getByLabel('Bestand met vacatures').setInputFiles(join(__dirname, '..', '..', 'data', 'examples', 'vacatures.csv'));
  await page.getByRole('button', { name: 'Importeer' }).click();
  const report = page.locator('#import-verslag');
  await expect(report).toContainText('5 vacatures geïmporteerd, 1 overgeslagen.');
  await expect(report).toContainText('Nummer 8:');
  await expect(report).toContainText('Amsterdam');
  await expectNoAxeViolations(page);
  // The JSON-LD example: three good, the one without a title named.
  await page.getByLabel('Bestand met vacatures').setInputFiles(join(__dirname, '..', '..', 'data', 'examples', 'vacatures.jsonld'));
  await page.getByRole('button', { name: 'Importeer' }).click();
  await expect(report).toContainText('3 vacatures geïmporteerd, 1 overgeslagen.');
  await expect(report).toContainText('Nummer 3: title ontbreekt of is leeg.');
  // The imported vacancies are found.
  await page.goto('/vacatures?q=data-analist');
  await ready(page, info);
  await expect(page.locator('#vacatures li.opening', { hasText: 'Data-analist' }).first()).toBeVisible();
});

test('vacancies (en): the plain search with filters at 320 px and in print', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto('/vacatures?lang=en&sector=zorg&vanaf=zwolle&km=20');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('#vacatures-aantal')).toContainText('vacancies found');
  await expect(page.locator('#vacatures li.opening').first()).toBeVisible();
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(wide, 'no sideways scrolling at 320 px').toBe(false);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/pagina=2/);
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('form.filters')).toBeHidden();
});
