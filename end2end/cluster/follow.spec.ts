import { test as base, expect, Page } from '@playwright/test';
import { BASE, INSTANCES, PASSWORD, SERVERS, createUser } from './helpers';

// A visitor in a real browser, behind nginx: whichever server answers, what their session holds
// (the visit count, a registration, a login, the page size, the language) is the same. Every
// page view is checked against the server that made it (X-Instance).

/** A page that records console errors, and which server answered each of its app requests. */
const test = base.extend<{ servers: string[] }>({
  servers: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    const servers: string[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      const instance = response.headers()['x-instance'];
      if (instance && (kind === 'document' || new URL(response.url()).pathname.startsWith('/api/'))) {
        servers.push(instance);
      }
    });
    await use(servers);
    expect(errors, 'console errors').toEqual([]);
  },
});

const visits = (n: number) => `You have visited this page ${n} ${n === 1 ? 'time' : 'times'}.`;
const titles = (page: Page) => page.locator('.item-list li a.title');

async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/**
 * Loads `path` (a reload when null) and returns the server that made the page. nginx hands
 * requests round-robin, so a probe through it first tells which server is next; when that is
 * the one that made the previous page, one more probe moves the turn on. (Without this, a page
 * view that takes exactly INSTANCES requests would bring every page back to one server.)
 */
async function view(page: Page, path: string | null, previous: string[]): Promise<string> {
  // Requests the current page still makes (hydration, its server functions) would take turns.
  await page.waitForLoadState('networkidle');
  for (let probes = 0; probes < INSTANCES; probes++) {
    const probe = await fetch(`${BASE}/healthz`);
    const next = SERVERS[(SERVERS.indexOf(probe.headers.get('x-instance') ?? '') + 1) % INSTANCES];
    if (next !== previous.at(-1)) break;
  }
  const response = path === null ? await page.reload() : await page.goto(path);
  expect(response!.status(), `${path ?? 'reload'}`).toBe(200);
  const instance = response!.headers()['x-instance'];
  expect(instance, 'X-Instance on the page').toMatch(/^app\d+$/);
  previous.push(instance);
  return instance;
}

function expectEveryServer(documents: string[]) {
  expect(new Set(documents).size, `servers seen: ${documents.join(' ')}`).toBe(INSTANCES);
  for (let i = 1; INSTANCES > 1 && i < documents.length; i++) {
    expect(documents[i], `page ${i + 1} came from another server than page ${i}`).not.toBe(documents[i - 1]);
  }
}

test('a visitor’s visit count follows them from server to server', async ({ page, servers }) => {
  const documents: string[] = [];
  await view(page, '/', documents);
  await hydrated(page);
  await expect(page.locator('#visits')).toHaveText(visits(1));
  for (let n = 2; n <= 2 + 2 * INSTANCES; n++) {
    await view(page, null, documents);
    await expect(page.locator('#visits')).toHaveText(visits(n));
  }
  expectEveryServer(documents);
  // Client-side navigation: the count comes from a server function, again from any server.
  await hydrated(page);
  await page.getByRole('link', { name: 'All authors' }).click();
  await expect(page).toHaveURL(/\/catalog\/authors/);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' }).click();
  await expect(page.locator('#visits')).toHaveText(visits(3 + 2 * INSTANCES));
  expect(new Set(servers).size).toBe(INSTANCES);
});

test('a registration made on one server greets the visitor on every server', async ({ page, servers }) => {
  const documents: string[] = [];
  await view(page, '/register', documents);
  await hydrated(page);
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(`ada-${Date.now()}@example.com`);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#greeting')).toContainText('Hello, Ada Lovelace');
  const registeredOn = servers.at(-1)!;
  for (const path of ['/catalog/books', '/catalog/authors', '/', '/session', '/catalog/genres', '/register']) {
    await view(page, path, documents);
    await expect(page.locator('#greeting')).toContainText('Hello, Ada Lovelace');
  }
  expectEveryServer(documents);
  expect(documents.filter((s) => s !== registeredOn).length).toBeGreaterThan(0);
});

test('a login made on one server holds on every server, and so does the logout', async ({ page, servers }) => {
  const username = createUser('cluster');
  const account = page.locator('#account');
  const documents: string[] = [];
  await view(page, '/accounts/login', documents);
  await hydrated(page);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(account).toContainText(`Logged in as ${username}`);
  for (const path of ['/', '/catalog/mybooks', '/accounts/sessions', '/catalog/books', '/session', '/']) {
    await view(page, path, documents);
    await expect(account).toContainText(`Logged in as ${username}`);
  }
  // One sign-in, whichever server checked it.
  await view(page, '/accounts/sessions', documents);
  await expect(page.locator('#devices tbody tr')).toHaveCount(1);
  // Log out from a page that needs no login (the devices page would ask for its list again).
  await view(page, '/catalog/books', documents);
  await expect(account).toContainText(`Logged in as ${username}`);
  expectEveryServer(documents);

  await hydrated(page);
  await account.getByRole('button', { name: 'Log out' }).click();
  await expect(account.getByRole('link', { name: 'Log in' })).toBeVisible();
  const after: string[] = [];
  for (const path of ['/', '/catalog/books', '/catalog/authors', '/session']) {
    await view(page, path, after);
    await expect(account.getByRole('link', { name: 'Log in' })).toBeVisible();
  }
  expectEveryServer(after);
  expect(servers.length).toBeGreaterThan(0);
});

test('the page size chosen on one server applies on every server', async ({ page, servers }) => {
  const documents: string[] = [];
  await view(page, '/catalog/books', documents);
  await hydrated(page);
  await expect(titles(page)).toHaveCount(10);
  await page.getByLabel('Per page').selectOption('25');
  await expect(titles(page)).toHaveCount(25);
  for (let i = 0; i < 2 * INSTANCES; i++) {
    await view(page, i % 2 ? '/catalog/authors' : null, documents);
    await expect(titles(page)).toHaveCount(25);
  }
  expectEveryServer(documents);
  expect(servers.length).toBeGreaterThan(documents.length);
});

test('the language chosen on one server is the language on every server', async ({ page, servers }) => {
  const heading = page.getByRole('heading', { level: 1 });
  const documents: string[] = [];
  await view(page, '/catalog/books', documents);
  await hydrated(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Русский' }).click();
  await expect(heading).toHaveText('Все книги');
  for (const [path, title] of [
    ['/catalog/authors', 'Все авторы'], [null, 'Все авторы'], ['/catalog/books', 'Все книги'], ['/', null],
  ] as const) {
    await view(page, path, documents);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    if (title) await expect(heading).toHaveText(title);
  }
  expectEveryServer(documents);
  expect(servers.length).toBeGreaterThan(documents.length);
});
