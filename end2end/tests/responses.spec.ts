import { test, expect, type Page, type TestInfo, type Browser } from '@playwright/test';
import { expectNoAxeViolations, journey, hasJs, loginAsAdmin, newEmployer, ready, watchConsole } from './helpers';

// A young person finds a place on the board and responds without an account; the employer
// answers in the inbox through to placement; the young person follows it on the private status
// page and deletes what they left. JavaScript on and off, Dutch and English, axe on every page.

/** The figure of one bar of the thermometer on `/stages` ("pledged", "verified", …). */
async function figure(page: Page, bar: string): Promise<number> {
  await page.goto('/stages?lang=nl');
  const text = await page.locator(`.thermometer-${bar} .thermometer-figure`).textContent();
  return Number(text!.split(' / ')[0]);
}

/** A new employer with a pledge of 5 leerbanen and one opening of `places` places called
 * `title`; with `verify`, a coordinator verifies the pledge (only then are its places public). */
async function employerWithOpening(page: Page, info: TestInfo, title: string, places = '1', verify?: Browser) {
  await newEmployer(page, info, `Zorgcentrum ${title}`);
  await page.goto('/werkgevers?lang=nl');
  await ready(page, info);
  await page.getByLabel('Wat voor plek is het?').selectOption('leerbaan_bbl');
  await page.getByLabel('Hoeveel plekken?').fill('5');
  await page.getByLabel('Voor welk niveau?').selectOption('mbo3');
  await page.getByLabel('In welke sector?').selectOption('zorg');
  await page.getByLabel('In welke gemeente zijn de plekken?').selectOption({ label: 'Zwolle' });
  await page.getByLabel('Vanaf').fill('2027-02-01');
  await page.getByLabel('Tot en met').fill('2028-01-31');
  await page.getByRole('radio', { name: 'Ja' }).check();
  await page.getByRole('button', { name: 'Plekken toezeggen' }).click();
  await expect(page).toHaveURL(/melding=toegezegd$/);
  if (verify) {
    const context = await verify.newContext({ javaScriptEnabled: hasJs(info) });
    const staff = await context.newPage();
    await loginAsAdmin(staff, info);
    await staff.goto('/beheer/stages');
    await ready(staff, info);
    const item = staff.locator('li.queue-item', { hasText: `Zorgcentrum ${title}` });
    await item.getByRole('button', { name: 'Goedkeuren' }).click();
    await expect(staff.locator('li.queue-item', { hasText: `Zorgcentrum ${title}` })).toHaveCount(0);
    await context.close();
  }
  await page.locator('table.pledges tbody tr').first().getByRole('link', { name: /Wijzigen/ }).click();
  await page.getByRole('link', { name: 'Een plek openzetten' }).click();
  await ready(page, info);
  await page.getByLabel('Titel van de plek').fill(title);
  await page.getByLabel('Wat ga je doen?').fill('Je helpt bewoners bij wonen en dagbesteding.\n\nJe leert het vak van ervaren collega’s.');
  await page.getByLabel('Begindatum').fill('2027-03-01');
  await page.getByLabel('Uren per week').fill('32');
  await page.getByLabel('Hoeveel jongeren kunnen hier beginnen?').fill(places);
  await page.getByLabel('Contactpersoon').fill('Mirjam Bos');
  await page.getByRole('button', { name: 'Plek openzetten' }).click();
  await expect(page).toHaveURL(/melding=plek-open$/);
}

/** A new browser context for the young person (JavaScript as the project says). */
async function youngPerson(browser: Browser, info: TestInfo) {
  const context = await browser.newContext({ javaScriptEnabled: hasJs(info) });
  return { context, page: await context.newPage() };
}

/** Finds the opening on the board by its title (filtered by distance from Kampen) and opens it. */
async function findOnBoard(page: Page, info: TestInfo, title: string, lang: 'nl' | 'en') {
  await page.goto(`/stages?lang=${lang}`);
  await ready(page, info);
  await page.getByLabel(lang === 'nl' ? 'Vanaf plaats' : 'From town').selectOption({ label: 'Kampen' });
  await page.getByLabel(lang === 'nl' ? 'Hoe ver (in rechte lijn)' : 'How far (in a straight line)').selectOption('15');
  await page.getByLabel(lang === 'nl' ? 'Zoek op woord' : 'Search by word').fill(title.split(' ').slice(1).join(' '));
  await page.getByRole('button', { name: lang === 'nl' ? 'Zoeken' : 'Search' }).click();
  const item = page.locator('li.opening', { hasText: title });
  await expect(item).toContainText(lang === 'nl' ? '13 km in rechte lijn vanaf Kampen' : '13 km in a straight line from Kampen');
  await expectNoAxeViolations(page);
  await item.getByRole('link', { name: title }).click();
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('responses: pledge 5, verified, 2 opened, a young person responds, the employer places them, the young person follows and deletes it', async ({ page, browser }, info) => {
  journey(40);
  const errors = watchConsole(page);
  const title = `Leerbaan zorg-${info.project.name} ${Date.now() % 100_000}`;
  // The thermometer before (the other project shares this server: it moves by at least ours).
  const before = { pledged: await figure(page, 'pledged'), verified: await figure(page, 'verified'), filled: await figure(page, 'filled') };
  await employerWithOpening(page, info, title, '2', browser);

  const young = await youngPerson(browser, info);
  const y = young.page;
  await findOnBoard(y, info, title, 'nl');
  await expect(y.locator('dl.facts')).toContainText('Mirjam Bos');
  await expectNoAxeViolations(y);

  // A mistake first: no way to answer, no consent; what was typed stays.
  await y.getByLabel('Je naam').fill('Sanne de Vries');
  await y.getByLabel('Waarom wil je deze plek?').fill('Ik wil graag in de zorg werken.');
  await y.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(y.getByRole('heading', { name: 'Er is een probleem' })).toBeVisible();
  await expect(y.getByText('Vul je e-mailadres of telefoonnummer in').first()).toBeVisible();
  await expect(y.getByLabel('Je naam')).toHaveValue('Sanne de Vries');
  await expect(y.getByLabel('Waarom wil je deze plek?')).toHaveValue('Ik wil graag in de zorg werken.');
  await expectNoAxeViolations(y);

  await y.getByLabel('E-mailadres').fill(`sanne-${info.project.name}@example.test`);
  await y.getByLabel('School').fill('Deltion College');
  await y.getByLabel('Je niveau of opleiding').selectOption('mbo3');
  await y.getByRole('radio', { name: '16 jaar of ouder' }).check();
  await y.getByLabel('Ik geef toestemming om mijn gegevens naar deze werkgever te sturen').check();
  await y.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(y).toHaveURL(/\/stages\/reactie\?sleutel=.+&nieuw=1$/);
  await ready(y, info);
  await expect(y.getByRole('status')).toContainText('Je reactie is verstuurd. Je referentie is HVW-');
  await expect(y.locator('#reactie-stand')).toHaveText('Verstuurd, nog niet gelezen');
  await expectNoAxeViolations(y);
  const statusLink = y.url().replace('&nieuw=1', '');

  // The employer invites, then places her, each with a message.
  await page.goto('/werkgevers?lang=nl');
  await page.getByRole('link', { name: 'Reacties van jongeren op uw plekken' }).click();
  await ready(page, info);
  const item = page.locator('li.inbox-item', { hasText: 'Sanne de Vries' });
  await expect(item).toContainText('Deltion College');
  await expect(item).toContainText('Ik wil graag in de zorg werken.');
  await expectNoAxeViolations(page);
  await item.getByRole('radio', { name: 'Uitnodigen voor een gesprek' }).check();
  await item.getByLabel('Bericht aan de jongere').fill('Kom je dinsdag om 10 uur langs?');
  await item.getByRole('button', { name: /Antwoord versturen/ }).click();
  await expect(page).toHaveURL(/melding=beantwoord/);
  await expect(page.getByRole('status')).toContainText('Uw antwoord is verstuurd.');
  const placed = page.locator('li.inbox-item', { hasText: 'Sanne de Vries' });
  await expect(placed).toContainText('Uitgenodigd voor een gesprek');
  await placed.getByRole('radio', { name: 'Plaatsen (dit vult een plek)' }).check();
  await placed.getByLabel('Bericht aan de jongere').fill('Welkom in ons team!');
  await placed.getByRole('button', { name: /Antwoord versturen/ }).click();
  await expect(page).toHaveURL(/melding=beantwoord/);
  await expect(page.locator('section.inbox-opening', { hasText: title })).toContainText('1 van 2 plek(ken) gevuld, 1 vrij');
  await expectNoAxeViolations(page);
  expect(await figure(page, 'pledged')).toBeGreaterThanOrEqual(before.pledged + 5);
  expect(await figure(page, 'verified')).toBeGreaterThanOrEqual(before.verified + 5);
  expect(await figure(page, 'filled')).toBeGreaterThanOrEqual(before.filled + 1);

  // The young person sees the answers on her page; the place shows one free.
  await y.goto(statusLink);
  await ready(y, info);
  await expect(y.locator('#reactie-stand')).toHaveText('Geplaatst: de plek is van jou');
  await expect(y.locator('ol.answers')).toContainText('Kom je dinsdag om 10 uur langs?');
  await expect(y.locator('ol.answers')).toContainText('Welkom in ons team!');
  await expectNoAxeViolations(y);
  await y.goto(`/stages?q=${encodeURIComponent(title)}`);
  await expect(y.locator('li.opening', { hasText: title })).toContainText('1 plek(ken) vrij');

  // She deletes everything she left: a tick first.
  await y.goto(statusLink);
  await ready(y, info);
  await y.getByRole('button', { name: 'Mijn gegevens verwijderen' }).click();
  await expect(y.getByText('Vink aan dat je het zeker weet').first()).toBeVisible();
  await expectNoAxeViolations(y);
  await y.getByLabel('Ik weet het zeker: verwijder alles wat ik heb ingevuld').check();
  await y.getByRole('button', { name: 'Mijn gegevens verwijderen' }).click();
  await expect(y).toHaveURL(/verwijderd=1$/);
  await expect(y.getByText('Je reactie en alles wat je had ingevuld zijn verwijderd.')).toBeVisible();
  await y.goto(statusLink);
  await expect(y.getByText('Deze link werkt niet (meer).')).toBeVisible();
  await young.context.close();
  expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
});

test('responses in English: respond at 320 px, the employer declines in English, the young person reads it', async ({ page, browser }, info) => {
  journey(24);
  const title = `Leerbaan techniek-${info.project.name} ${Date.now() % 100_000}`;
  await employerWithOpening(page, info, title, '1', browser);

  const young = await youngPerson(browser, info);
  const y = young.page;
  await y.setViewportSize({ width: 320, height: 800 });
  await findOnBoard(y, info, title, 'en');
  await expect(y.getByRole('heading', { name: 'Respond' })).toBeVisible();
  const wide = await y.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(wide, 'no sideways scrolling at 320 px').toBe(false);
  await y.getByLabel('Your name').fill('Ali Yilmaz');
  await y.getByLabel('Phone number').fill('06 12345678');
  await y.getByLabel('Your level or course').selectOption('mbo2');
  await y.getByLabel('Why do you want this place?').fill('I like working with people.');
  await y.getByRole('radio', { name: 'Younger than 16' }).check();
  await y.getByLabel('I consent to my details being sent to this employer').check();
  await y.getByRole('button', { name: 'Send response' }).click();
  // Under 16: a parent's or guardian's consent is asked for.
  await expect(y.getByText('Ask your parent or guardian for consent and tick this').first()).toBeVisible();
  await expectNoAxeViolations(y);
  await y.getByLabel('Name of your parent or guardian').fill('Ayse Yilmaz');
  await y.getByLabel('My parent or guardian consents').check();
  await y.getByRole('button', { name: 'Send response' }).click();
  await expect(y).toHaveURL(/\/stages\/reactie\?sleutel=/);
  await ready(y, info);
  await expect(y.locator('#reactie-stand')).toHaveText('Sent, not read yet');
  await expectNoAxeViolations(y);
  const statusLink = y.url().replace('&nieuw=1', '');

  // The employer's pages in English.
  await page.goto('/werkgevers/reacties?lang=en');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Responses from young people');
  const item = page.locator('li.inbox-item', { hasText: 'Ali Yilmaz' });
  await expect(item).toContainText('Consent of parent or guardian: Ayse Yilmaz');
  await expectNoAxeViolations(page);
  await item.getByRole('radio', { name: 'Decline' }).check();
  await item.getByLabel('Message to the young person').fill('We chose someone with more experience. Good luck!');
  await item.getByRole('button', { name: /Send answer/ }).click();
  await expect(page.getByRole('status')).toContainText('Your answer was sent.');
  await page.goto('/werkgevers?lang=en');
  await ready(page, info);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('');
  await expectNoAxeViolations(page);

  await y.goto(statusLink);
  await ready(y, info);
  await expect(y.locator('#reactie-stand')).toHaveText('Not chosen');
  await expect(y.locator('ol.answers')).toContainText('Good luck!');
  // Declined is final: nothing to withdraw, but still everything to delete.
  await expect(y.getByRole('button', { name: 'Withdraw response' })).toHaveCount(0);
  await expect(y.getByRole('button', { name: 'Delete my details' })).toBeVisible();
  await young.context.close();
});
