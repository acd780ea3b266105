import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The cluster suite: scripts/cluster.sh starts PostgreSQL, Redis, INSTANCES release servers and
// nginx in front of them (globalSetup), the tests run against nginx, and globalTeardown stops
// what was started. `make e2e-cluster` runs it; `make test` runs that after the release build.
const root = path.resolve(__dirname, '..');
const bin = process.env.LOCALLIBRARY_BIN ?? path.join(root, 'target/release/locallibrary');
const siteRoot = process.env.LOCALLIBRARY_SITE_ROOT ?? path.join(root, 'target/site');
// Its own ports, database and Redis database, so a `make cluster` on 8080 can keep running.
const port = Number(process.env.E2E_CLUSTER_PORT ?? 3960);
const env: Record<string, string> = {
  LOCALLIBRARY_BIN: bin,
  LOCALLIBRARY_SITE_ROOT: siteRoot,
  INSTANCES: process.env.INSTANCES ?? '3',
  CLUSTER_PORT: String(port),
  CLUSTER_SERVER_PORT: String(port + 1),
  CLUSTER_METRICS_PORT: String(port + 101),
  CLUSTER_DB: process.env.CLUSTER_DB ?? 'locallibrary_cluster_e2e',
  CLUSTER_REDIS_DB: process.env.CLUSTER_REDIS_DB ?? '3',
  CLUSTER_SESSION_ENGINE: process.env.CLUSTER_SESSION_ENGINE ?? 'redis',
  CLUSTER_DIR: process.env.CLUSTER_DIR ?? mkdtempSync(path.join(tmpdir(), 'locallibrary-cluster-e2e-')),
  // The suites register and log in many times from one address.
  REGISTRATION_RATE_LIMIT: '0',
  // Warnings, and the access lines operations.spec.ts follows a request id through.
  RUST_LOG: process.env.RUST_LOG ?? 'warn,access=info',
};
// globalSetup, globalTeardown and the tests (in workers started after this) read these. Every
// run starts from the bundled catalog and an empty session store (CLUSTER_FRESH in globalSetup).
Object.assign(process.env, env);

export default defineConfig({
  testDir: './cluster',
  globalSetup: './cluster/global-setup.ts',
  globalTeardown: './cluster/global-teardown.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  // One test at a time: they count requests per server, kill servers and roll the cluster.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    locale: 'en-US',
    extraHTTPHeaders: { 'Accept-Language': 'en' },
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
