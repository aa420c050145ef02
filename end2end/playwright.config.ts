import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The release server, started by Playwright on its own port with a fresh SQLite database and
// the demo data. Every test runs twice: hydrated (js) and with JavaScript disabled (nojs).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = process.env.BASE_URL ?? `http://127.0.0.1:${port}`;
const root = resolve(__dirname, '..');
const databaseUrl = `sqlite://${join(mkdtempSync(join(tmpdir(), 'hvw-e2e-')), 'e2e.db')}`;

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: { baseURL, launchOptions, trace: 'retain-on-failure' },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
  webServer: process.env.BASE_URL
    ? undefined
    : {
        // Seeded, with an admin whose password link lands in the development outbox.
        command: `${root}/target/release/server seed && ${root}/target/release/server create-admin --email beheer@e2e.test > /dev/null && exec ${root}/target/release/server serve`,
        cwd: root,
        url: `${baseURL}/readyz`,
        reuseExistingServer: false,
        timeout: 60_000,
        // The server's warnings and errors (a failed request, a slow response) show in the run.
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          DATABASE_URL: databaseUrl,
          LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
          LEPTOS_SITE_ROOT: `${root}/target/site`,
          RUST_LOG: 'warn',
          HVW_DEV_OUTBOX: 'true',
          // Many tests log in as the one admin in parallel; the limits themselves are tested in tests/.
          HVW_LOGIN_RATE_PER_MINUTE: '60',
          HVW_FORM_RATE_PER_MINUTE: '120',
        },
      },
});
