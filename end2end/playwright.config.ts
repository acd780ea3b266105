import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The release server binary and site are built by `make test` before this runs.
const root = path.resolve(__dirname, '..');
const bin = process.env.LOCALLIBRARY_BIN ?? path.join(root, 'target/release/locallibrary');
const siteRoot = process.env.LOCALLIBRARY_SITE_ROOT ?? path.join(root, 'target/site');
// A fresh database for every run, so counts and visits start from the bundled catalog.
const dbDir = process.env.E2E_DB_DIR ?? mkdtempSync(path.join(tmpdir(), 'locallibrary-e2e-'));
const port = Number(process.env.E2E_PORT ?? 3900);
const baseURL = `http://127.0.0.1:${port}`;
/** The session engines the browser suites run against, each on its own server. */
const engines = [
  { name: 'db', port, env: {} },
  { name: 'file', port: port + 2, env: { SESSION_ENGINE: 'file' } },
  { name: 'cached_db', port: port + 3, env: { SESSION_ENGINE: 'cached_db' } },
  {
    name: 'signed_cookies',
    port: port + 4,
    env: { SESSION_ENGINE: 'signed_cookies', SECRET_KEY: 'e2e-only-secret-key-0123456789abcdef0123456789' },
  },
];
// Tests create accounts with the same binary and database as the servers, and read their mail.
process.env.E2E_BIN = bin;
process.env.E2E_DB_DIR = dbDir;
// The redeploy test copies the built site and serves the copy from its own server.
process.env.E2E_SITE_ROOT = siteRoot;
// Tests reach the rate-limited server through this variable.
process.env.E2E_LIMITED_URL = `http://127.0.0.1:${port + 1}`;

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
    launchOptions: chromiumLaunchOptions,
  },
  // Every suite runs on the default `db` engine; the visit counter and registration suites run
  // again on each other engine a browser can tell apart.
  projects: engines.map((engine) => ({
    name: engine.name,
    use: { browserName: 'chromium' as const, baseURL: `http://127.0.0.1:${engine.port}` },
    testMatch: engine.name === 'db' ? undefined : /(home|registration)\.spec\.ts/,
  })),
  webServer: [
    // The suites register many times from one address, so these servers have no rate limit.
    ...engines.map((engine) =>
      server(engine.port, engine.name, { REGISTRATION_RATE_LIMIT: '0', ...engine.env }),
    ),
    // A server with a tiny registration limit, for the "slow down" message.
    server(port + 1, 'limited', { REGISTRATION_RATE_LIMIT: '2' }),
  ],
});

/** A release server on `serverPort` with its own database and extra settings. */
function server(serverPort: number, name: string, extra: Record<string, string>) {
  return {
    command: `"${bin}" serve`,
    url: `http://127.0.0.1:${serverPort}/favicon.ico`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: {
      DATABASE_URL: `sqlite://${dbDir}/${name}/library.db`,
      EMAIL_OUTBOX: `${dbDir}/${name}/outbox`,
      LEPTOS_SITE_ADDR: `127.0.0.1:${serverPort}`,
      LEPTOS_SITE_ROOT: siteRoot,
      LEPTOS_ENV: 'PROD',
      RUST_LOG: 'warn',
      ...extra,
    },
  };
}
