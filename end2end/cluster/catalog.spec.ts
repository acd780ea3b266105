import { test, expect, request } from '@playwright/test';
import { BASE, INSTANCES, PASSWORD, SERVERS, createUser } from './helpers';

// Strangers' catalog pages are kept in each server's memory (server/src/middleware/page_cache.rs)
// until the catalog version row moves. A change made through one server must show on every
// server within a second: each reads the version at most a second after its last read.

/** Server `appN`'s own address, past nginx. */
const direct = (server: string) =>
  `http://127.0.0.1:${Number(process.env.CLUSTER_SERVER_PORT) + SERVERS.indexOf(server)}`;

/** A stranger's view of the genre list on one server (no cookie is sent or kept). */
async function genres(server: string): Promise<{ body: string; cache: string | null }> {
  const response = await fetch(`${direct(server)}/catalog/genres`);
  expect(response.status).toBe(200);
  return { body: await response.text(), cache: response.headers.get('x-cache') };
}

test('a genre added through one server shows to strangers on every server within a second', async () => {
  // Kept everywhere first: the second view of each server is a hit.
  for (const server of SERVERS) {
    await genres(server);
    expect((await genres(server)).cache, server).toBe('hit');
  }
  const username = createUser('librarian', { librarian: true });
  const librarian = await request.newContext({ baseURL: BASE });
  const login = await librarian.post('/api/accounts/login', { form: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  // Sorted by name, an "Aaa…" genre is on the first page.
  const name = `Aaa cluster ${Date.now().toString(36)}`;
  const added = await librarian.post('/api/editing/named', {
    form: { kind: 'genre', name },
    headers: { accept: 'application/json' },
  });
  expect(added.status(), await added.text()).toBe(200);
  const acknowledged = Date.now();

  const shownAfter: Record<string, number> = {};
  while (Object.keys(shownAfter).length < INSTANCES) {
    for (const server of SERVERS) {
      if (shownAfter[server] === undefined && (await genres(server)).body.includes(name)) {
        shownAfter[server] = Date.now() - acknowledged;
      }
    }
    // One second, plus slack for a loaded two-core machine's scheduling.
    expect(Date.now() - acknowledged, `shown so far: ${JSON.stringify(shownAfter)}`).toBeLessThan(1500);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  console.log(`a new genre reached every server's strangers after (ms): ${JSON.stringify(shownAfter)}`);
  await librarian.dispose();
});
