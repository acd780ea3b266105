import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { BASE, SERVERS } from './helpers';

// What an operator of the cluster sees: one request followed by its id through nginx's log and
// the log of the server that answered it, and each server's metrics on its own port.

const RUN = process.env.CLUSTER_DIR!;
const METRICS_PORT = Number(process.env.CLUSTER_METRICS_PORT);

/** The JSON access lines of server `name` for the request `id`. */
function accessLines(name: string, id: string): any[] {
  const log = fs.readFileSync(path.join(RUN, 'logs', `${name}.log`), 'utf8');
  return log
    .split('\n')
    .filter((line) => line.includes(id))
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        return null;
      }
    })
    .filter((line) => line?.target === 'access' && line?.fields?.id === id);
}

test('a request is found by its id in nginx\'s log and in the log of the server that answered', async () => {
  const response = await fetch(`${BASE}/catalog/book/1`);
  expect(response.status).toBe(200);
  const id = response.headers.get('x-request-id') ?? '';
  expect(id, 'nginx\'s $request_id, passed through and returned').toMatch(/^[0-9a-f]{32}$/);
  const instance = response.headers.get('x-instance') ?? '';
  expect(SERVERS).toContain(instance);

  await expect
    .poll(() => accessLines(instance, id).map((line) => [line.fields.route, line.fields.status, line.fields.instance]), {
      timeout: 5_000,
    })
    .toEqual([['/catalog/book/:id', 200, instance]]);
  for (const other of SERVERS.filter((name) => name !== instance)) {
    expect(accessLines(other, id), `${other} did not answer it`).toEqual([]);
  }
  // nginx writes its access log at most a second late.
  await expect
    .poll(() => fs.readFileSync(path.join(RUN, 'logs', 'nginx-access.log'), 'utf8').includes(`id=${id}`), {
      timeout: 5_000,
    })
    .toBe(true);
});

test('a reset link\'s token never reaches a log', async () => {
  const token = 'tok' + Math.random().toString(36).slice(2, 14);
  const response = await fetch(`${BASE}/accounts/reset/${token}`, { redirect: 'manual' });
  expect(response.status).toBeLessThan(500);
  const id = response.headers.get('x-request-id') ?? '';
  await expect
    .poll(() => fs.readFileSync(path.join(RUN, 'logs', 'nginx-access.log'), 'utf8').includes(`id=${id}`), {
      timeout: 5_000,
    })
    .toBe(true);
  const nginx = fs.readFileSync(path.join(RUN, 'logs', 'nginx-access.log'), 'utf8');
  expect(nginx).toContain('/accounts/reset/[hidden]');
  expect(nginx).not.toContain(token);
  for (const name of SERVERS) {
    expect(fs.readFileSync(path.join(RUN, 'logs', `${name}.log`), 'utf8')).not.toContain(token);
  }
});

test('every server shows its metrics on its own port, and nginx never does', async () => {
  for (let i = 0; i < SERVERS.length; i++) {
    const text = await (await fetch(`http://127.0.0.1:${METRICS_PORT + i}/metrics`)).text();
    expect(text).toContain('# TYPE locallibrary_http_requests_total counter');
    expect(text).toMatch(/locallibrary_db_pool_connections \d+/);
    expect(text).toContain('locallibrary_build_info{version=');
  }
  expect((await fetch(`${BASE}/metrics`)).status).toBe(404);
});
