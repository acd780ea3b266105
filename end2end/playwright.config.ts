import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The release server binary and site are built by `make test` before this runs.
const port = Number(process.env.E2E_PORT ?? 3900);
const baseURL = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, '..');
const bin = process.env.LOCALLIBRARY_BIN ?? path.join(root, 'target/release/locallibrary');
const siteRoot = process.env.LOCALLIBRARY_SITE_ROOT ?? path.join(root, 'target/site');
// A fresh database for every run, so counts and visits start from the bundled catalog.
const dbDir = mkdtempSync(path.join(tmpdir(), 'locallibrary-e2e-'));

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `"${bin}" serve`,
    url: `${baseURL}/favicon.ico`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${dbDir}/e2e.db`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_ENV: 'PROD',
      RUST_LOG: 'warn',
    },
  },
});
