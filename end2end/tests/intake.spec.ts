import { test, expect, type Page, type TestInfo } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoAxeViolations, journey, loginAsAdmin, ready, watchConsole } from './helpers';

// The intake from the front door to an advisor: two people answer the questions one page at a
// time (a mistake first), check their answers, see outcomes that differ as the criteria say,
// and ask for contact with consent; a coordinator finds the request in the queue and handles
// it; the monitor counts the intakes the test completed. JavaScript on and off (the pages have
// no island: the same forms either way), Dutch and English, axe on every page. The words come
// from the locale files, the one translation source.

type Texts = Record<string, Record<string, string>>;
const texts = (lang: 'nl' | 'en'): Texts =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'locales', `${lang}.json`), 'utf8'));

/** Each answer: a radio option's code, a number, or a gemeente's code (a select). */
type Answer = [question: string, value: string];

const RETAIL: Answer[] = [
  ['situatie', 'werkzoekend'],
  ['leeftijd', '58'],
  ['uitkering', 'ww'],
  ['opleiding', 'mbo2'],
  ['diploma', 'ja'],
  ['sector', 'retail'],
  ['jaren', '30'],
  ['taal', 'moedertaal'],
  ['doel', 'ander_werk'],
  ['vervoer', 'auto'],
  ['hulp', 'ja'],
  ['gemeente', 'GM0193'],
];

const YOUNG: Answer[] = [
  ['situatie', 'werkzoekend'],
  ['leeftijd', '23'],
  ['uitkering', 'geen'],
  ['opleiding', 'vmbo'],
  ['sector', 'geen'],
  ['taal', 'moedertaal'],
  ['doel', 'stage_leerbaan'],
  ['soort_plek', 'leerbaan'],
  ['vervoer', 'fiets'],
  ['hulp', 'ja'],
  ['gemeente', 'GM0193'],
];

const NUMBERS = new Set(['leeftijd', 'jaren']);

/** A text as a regular expression that matches it literally. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The intakes completed this month, as the open API says. */
async function intakesThisMonth(page: Page): Promise<number> {
  const response = await page.request.get('/api/v1/monitor');
  expect(response.ok()).toBeTruthy();
  const body = await response.json();
  const month = new Date().toISOString().slice(0, 7);
  const point = body.series.find((p: { month: string }) => p.month === month);
  return point?.counts?.intake_completed ?? 0;
}

/** Answers one question page (the option by its label, as a person picks it) and goes on. */
async function answer(page: Page, t: Texts, [id, value]: Answer, total: number, n: number) {
  // "Question n of total": the total counts the branches not yet decided, so it is exact on the
  // last question only.
  const progress = t.intake.progress.replace('{n}', String(n));
  if (n === total) {
    await expect(page.locator('.caption')).toHaveText(progress.replace('{total}', String(total)));
  } else {
    await expect(page.locator('.caption')).toHaveText(new RegExp(`^${progress.replace('{total}', '\\d+')}$`));
  }
  await expect(page.locator('h1')).toHaveText(t.intake[`q_${id}`]);
  if (NUMBERS.has(id)) {
    await page.getByLabel(t.intake[`q_${id}`]).fill(value);
  } else if (id === 'gemeente') {
    await page.getByLabel(t.intake[`q_${id}`]).selectOption(value);
  } else {
    const label = id === 'sector' && value !== 'geen' ? t.sector[value] : t.intake[`o_${id}_${value}`];
    await page.getByLabel(label, { exact: true }).check();
  }
  await page.getByRole('button', { name: t.intake.next }).click();
}

async function intake(
  page: Page,
  info: TestInfo,
  lang: 'nl' | 'en',
  answers: Answer[],
): Promise<void> {
  const t = texts(lang);
  // The front door routes to the intake.
  await page.goto(`/?lang=${lang}`);
  await ready(page, info);
  await page.getByRole('link', { name: t.home.link_intake }).click();
  await expect(page).toHaveURL(/\/intake$/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: t.intake.start_button }).click();

  for (const [i, a] of answers.entries()) {
    if (a[0] === 'leeftijd') {
      // A mistake first: the message beside the field and at the top, the input kept.
      await page.getByLabel(t.intake.q_leeftijd).fill('12');
      await page.getByRole('button', { name: t.intake.next }).click();
      await expect(page.locator('.error-summary')).toContainText(t.form_error.intake_age_range);
      await expect(page.locator('#veld-leeftijd-error')).toContainText(t.form_error.intake_age_range);
      await expect(page.getByLabel(t.intake.q_leeftijd)).toHaveValue('12');
      await expect(page).toHaveTitle(new RegExp(`^${t.intake.title_error}`));
      await expectNoAxeViolations(page);
      // The back link goes to the question before, its answer kept.
      await page.getByRole('link', { name: t.intake.back, exact: true }).click();
      await expect(page.getByLabel(t.intake.o_situatie_werkzoekend, { exact: true })).toBeChecked();
      await page.getByRole('button', { name: t.intake.next }).click();
    }
    if (i === 0 || a[0] === 'gemeente') await expectNoAxeViolations(page);
    await answer(page, t, a, answers.length, i + 1);
  }

  // Check the answers; change one and come back.
  await expect(page).toHaveURL(/\/intake\/controle$/);
  await expect(page.locator('h1')).toHaveText(t.intake.check_title);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: new RegExp(`^${escape(t.intake.change)}\\s*: ${escape(t.intake.q_vervoer)}$`) }).click();
  await expect(page.locator('h1')).toHaveText(t.intake.q_vervoer);
  await page.getByLabel(t.intake.o_vervoer_ov, { exact: true }).check();
  await page.getByRole('button', { name: t.intake.next }).click();
  await expect(page).toHaveURL(/\/intake\/controle$/);
  await expect(page.locator('.check-answers')).toContainText(t.intake.o_vervoer_ov);
  await page.getByRole('button', { name: t.intake.check_confirm }).click();

  await expect(page).toHaveURL(/\/intake\/uitkomst$/);
  await expect(page.locator('h1')).toHaveText(t.intake.outcome_title);
  await expect(page.locator('#uitkomst-begeleiding')).toHaveText(t.intake.guidance_fits);
  await expectNoAxeViolations(page);
}

/** Whether the outcome marks the criterion with this code as applying. */
async function expectCriterion(page: Page, t: Texts, code: string, met: boolean) {
  const item = page.locator('.criterion', { hasText: t.intake[`c_${code}`] });
  await expect(item.locator('.verdict')).toHaveText(met ? t.intake.criterion_met : t.intake.criterion_not_met);
}

/** Asks for contact: first without consent (refused, input kept), then with it. */
async function handOff(page: Page, t: Texts, person: { name: string; email: string }): Promise<string> {
  await page.getByLabel(t.apply.name, { exact: true }).fill(person.name);
  await page.getByLabel(t.apply.email, { exact: true }).fill(person.email);
  await page.getByLabel(t.intake.contact_message).fill('Ik ben het best bereikbaar in de ochtend.');
  await page.getByRole('button', { name: t.intake.contact_send }).click();
  await expect(page.locator('.error-summary')).toContainText(t.form_error.consent_required);
  await expect(page.getByLabel(t.apply.name, { exact: true })).toHaveValue(person.name);
  await page.getByLabel(t.intake.contact_consent).check();
  await page.getByRole('button', { name: t.intake.contact_send }).click();
  await expect(page.locator('h1')).toHaveText(t.intake.sent_title);
  const reference = (await page.locator('#referentie').textContent())!.trim();
  expect(reference).toMatch(/^HVW-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expectNoAxeViolations(page);
  return reference;
}

const paths = [
  { name: 'a 58-year-old after 30 years in retail', lang: 'nl' as const, answers: RETAIL },
  { name: 'a 23-year-old without startkwalificatie who wants a leerbaan', lang: 'en' as const, answers: YOUNG },
];

for (const path of paths) {
  test(`intake (${path.lang}): ${path.name} — outcome, consent handoff, queue, monitor`, async ({ page, browser }, info) => {
    journey(40);
    const errors = watchConsole(page);
    const t = texts(path.lang);
    const before = await intakesThisMonth(page);
    const person = { name: `Intake ${info.project.name} ${path.lang}`, email: `intake-${info.project.name}-${path.lang}@e2e.test` };
    await intake(page, info, path.lang, path.answers);

    // The outcomes differ as the criteria say.
    if (path.answers === RETAIL) {
      for (const code of ['eigen_behoefte', 'sector', 'opleiding', 'arbeidsverleden', 'leeftijd']) {
        await expectCriterion(page, t, code, true);
      }
      await expectCriterion(page, t, 'taal', false);
      await expect(page.locator('.cards li').first()).toContainText(t.intake.t_skills_cv);
      await expect(page.locator('.cards').getByRole('link', { name: t.intake.t_skills_cv })).toHaveAttribute(
        'href',
        '/vacatures/skills-cv?opleiding=mbo2&sector=retail&woonplaats=zwolle&vervoer=ov',
      );
    } else {
      for (const code of ['eigen_behoefte', 'opleiding', 'leeftijd']) await expectCriterion(page, t, code, true);
      for (const code of ['sector', 'arbeidsverleden', 'taal']) await expectCriterion(page, t, code, false);
      await expect(page.locator('.cards li').first()).toContainText(t.intake.t_stages);
      // The first tool opens the board with the leerbanen of their gemeente.
      await page.locator('.cards').getByRole('link', { name: t.intake.t_stages }).click();
      await expect(page).toHaveURL(/\/stages\?soort=leerbaan_bbl&gemeente=GM0193$/);
      await expect(page.locator('#veld-soort')).toHaveValue('leerbaan_bbl');
      await page.goBack();
    }

    // At 320 px the outcome still reads (nothing wider than the screen), and it prints.
    await page.setViewportSize({ width: 320, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: t.intake.contact_send })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });

    const reference = await handOff(page, t, person);

    // The coordinator's queue holds the request; handling it closes it.
    const staffContext = await browser.newContext({ javaScriptEnabled: info.project.name === 'js' });
    const staff = await staffContext.newPage();
    await loginAsAdmin(staff, info);
    await staff.goto('/beheer?lang=nl');
    await expect(staff.locator('main')).toContainText('Contactverzoeken uit de intake');
    await staff.goto('/beheer/intake?lang=nl');
    const item = staff.locator('.queue-item', { hasText: reference });
    await expect(item).toContainText(person.name);
    await expect(item).toContainText(person.email);
    await expect(item).toContainText('Past in de criteria');
    await expectNoAxeViolations(staff);
    await item.getByRole('button', { name: new RegExp(`^Markeer als afgehandeld\\s*: ${reference}$`) }).click();
    await expect(staff.locator('.queue-item', { hasText: reference })).not.toHaveClass(/queue-open/);
    await staffContext.close();

    // The monitor counts the intake this test completed: in the open data and on the page
    // (this month is the series' last row).
    const after = await intakesThisMonth(page);
    expect(after).toBeGreaterThanOrEqual(before + 1);
    await page.goto(`/monitor?cijfer=intake_completed&lang=${path.lang}`);
    const thisMonth = page.locator('section[aria-labelledby="monitor-per-maand"] tbody tr').last();
    expect(Number(await thisMonth.locator('td').textContent())).toBeGreaterThanOrEqual(after);
    // Statuses (the 422 of a form with a mistake) are not script errors.
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
}

test('intake reference pages: the criteria and the menukaart, marked as ended', async ({ page }, info) => {
  const t = texts('nl');
  await page.goto('/intake/menukaart');
  await ready(page, info);
  await expect(page.locator('.notice-warning')).toContainText(t.intake.menu_ended);
  await expect(page.getByRole('table', { name: t.intake.menu_caption })).toContainText('€ 5.000 incl. btw');
  await page.getByRole('link', { name: t.intake.back_to_intake }).click();
  await page.getByRole('link', { name: t.intake.criteria_link }).click();
  await expect(page.locator('h1')).toHaveText(t.intake.criteria_title);
});
