const { chromium } = require('@playwright/test');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  const base = 'http://127.0.0.1:3200';
  const shot = async (page, name) => page.screenshot({ path: `/tmp/shots/${name}.png` });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(base + '/');
  await shot(page, 'home');
  await page.goto(base + '/intake');
  await shot(page, 'intake');
  const answers = [['situatie','werkzoekend'],['leeftijd','58'],['uitkering','ww'],['opleiding','mbo2'],['diploma','ja'],['sector','retail'],['jaren','30'],['taal','moedertaal'],['doel','ander_werk'],['vervoer','auto'],['hulp','ja'],['gemeente','GM0193']];
  await page.goto(base + '/intake/vraag?vraag=situatie');
  await shot(page, 'q1');
  for (const [id, v] of answers) {
    if (id === 'leeftijd') {
      await page.fill('#veld-leeftijd', '12');
      await page.click('button[type=submit].button');
      await shot(page, 'q-error');
    }
    if (id === 'leeftijd' || id === 'jaren') await page.fill(`#veld-${id}`, v);
    else if (id === 'gemeente') { await shot(page, 'q-gemeente'); await page.selectOption('#veld-gemeente', v); }
    else await page.check(`#veld-${id}-${v}`);
    await page.click('form.question-page button[type=submit]');
  }
  await shot(page, 'check');
  await page.click('form[action="/intake/controle"] button');
  await shot(page, 'outcome');
  await page.setViewportSize({ width: 320, height: 800 });
  await shot(page, 'outcome-320');
  await page.goto(base + '/intake/vraag?vraag=sector');
  await shot(page, 'q-sector-320');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(base + '/intake/menukaart');
  await shot(page, 'menukaart');
  await page.goto(base + '/monitor');
  await shot(page, 'monitor');
  await browser.close();
})();
