import { test, expect, openHydrated, markDocument, isSameDocument, createUser, logIn } from './fixtures';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';

// Pages in their own WASM chunks (app/src/routes/lazy.rs), each opened with JavaScript on from a
// hydrated home page: the chunk comes over the network, the page renders without a reload and
// shows what the server renders for the same address.

/** Follows a link to `href` the way a visitor would, from the page as it is (client-side). */
async function follow(page: Page, href: string) {
  await page.evaluate((target) => {
    const link = document.createElement('a');
    link.href = target;
    link.id = 'lazy-test-link';
    link.textContent = target;
    document.querySelector('main')!.prepend(link);
  }, href);
  await page.click('#lazy-test-link');
}

/** The `<h1>` the server renders for `href` with this page's cookies. */
async function serverHeading(page: Page, href: string): Promise<string> {
  const html = await (await page.request.get(href)).text();
  const match = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  expect(match, `server page ${href} has a heading`).not.toBeNull();
  return match![1].replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').trim();
}

/** The main WASM's address on the current page (the one the page started with). */
async function mainWasm(page: Page): Promise<string> {
  return page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm'));
    return new URL(wasm[0]).pathname;
  });
}

/** Opens each of `hrefs` client-side from home; checks chunk, heading and no reload. */
async function openEachLazily(page: Page, hrefs: string[]) {
  for (const href of hrefs) {
    await openHydrated(page, '/');
    const main = await mainWasm(page);
    const chunks: string[] = [];
    const listener = (request: import('@playwright/test').Request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.wasm') && path !== main) chunks.push(path);
    };
    page.on('request', listener);
    const expected = await serverHeading(page, href);
    await markDocument(page);
    await follow(page, href);
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[?]/g, '\\?')}$`));
    await expect(page.locator('h1'), href).toHaveText(expected);
    expect(await isSameDocument(page), `${href} opened without a reload`).toBe(true);
    expect(chunks.length, `${href} fetched its own chunk`).toBeGreaterThan(0);
    page.off('request', listener);
  }
}

test('a visitor opens every public lazy page without a reload', async ({ page, consoleErrors }) => {
  test.slow();
  await openEachLazily(page, [
    '/catalog/books',
    '/catalog/book/1',
    '/catalog/authors',
    '/catalog/author/1',
    '/catalog/genres',
    '/catalog/genre/1',
    '/catalog/languages',
    '/catalog/language/1',
    '/catalog/bookinstances',
    '/accounts/login',
    '/accounts/password_reset',
    '/register',
    '/session',
  ]);
});

test('a librarian opens every librarian and member lazy page without a reload', async ({ page, consoleErrors }) => {
  test.slow();
  await logIn(page, createUser('lazylib', { librarian: true }));
  await openEachLazily(page, [
    '/catalog/mybooks',
    '/catalog/borrowed',
    '/catalog/changes',
    '/accounts/sessions',
    '/accounts/members',
    '/accounts/password_change',
    '/catalog/book/create',
    '/catalog/book/1/update',
    '/catalog/book/1/delete',
    '/catalog/author/create',
    '/catalog/author/1/update',
    '/catalog/author/1/delete',
    '/catalog/genre/create',
    '/catalog/genre/1/update',
    '/catalog/genre/1/delete',
    '/catalog/language/create',
    '/catalog/language/1/update',
    '/catalog/language/1/delete',
  ]);
  // The last one logs out: its page says so, still without a reload.
  await openEachLazily(page, ['/accounts/logout']);
});

test('a chunk that cannot be fetched turns the navigation into a full page load', async ({ page }) => {
  // The dropped requests log network errors; what must not happen is an exception (a WASM that
  // panicked on a page it could not hydrate).
  const exceptions: string[] = [];
  page.on('pageerror', (err) => exceptions.push(err.message));
  await openHydrated(page, '/');
  const main = await mainWasm(page);
  // The network drops every chunk (the main WASM is already here).
  await page.route(/\.wasm$/, (route) =>
    new URL(route.request().url()).pathname === main ? route.continue() : route.abort('internetdisconnected'),
  );
  await markDocument(page);
  await follow(page, '/session');
  await expect(page).toHaveURL(/\/session$/);
  await expect(page.locator('h1')).toHaveText('My session');
  expect(await isSameDocument(page), 'a full page load replaced the dead navigation').toBe(false);
  // The server's page works without its chunk: its forms post the plain way.
  await expect(page.locator('#session-facts')).toBeVisible();
  // Its own chunk is unavailable too, so the page stays the server's, not half-hydrated.
  await page.waitForLoadState('networkidle');
  await expect(page.locator('html')).not.toHaveAttribute('data-hydrated', 'true');
  // wasm-split's generated loader leaves one request's rejection unhandled when another of the
  // same chunk fails ("Failed to fetch"); anything else (a WASM trap above all) is a failure.
  expect(exceptions.filter((e) => !/^Failed to fetch$/.test(e))).toEqual([]);
});

test('after a redeploy that removed a chunk, following a link loads the page in full', async ({ page }) => {
  // A server of its own, on a copy of the site, so the copy can lose a chunk between two starts
  // (the server keeps its static files in memory: a redeploy is a restart).
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'locallibrary-redeploy-'));
  fs.cpSync(process.env.E2E_SITE_ROOT!, site, { recursive: true });
  const port = Number(process.env.E2E_PORT ?? 3900) + 90;
  const start = () =>
    spawn(process.env.E2E_BIN!, ['serve'], {
      stdio: 'ignore',
      env: {
        ...process.env,
        DATABASE_URL: `sqlite://${site}/library.db`,
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: site,
        LEPTOS_ENV: 'PROD',
        RUST_LOG: 'warn',
      },
    });
  const ready = async (server: ChildProcess) => {
    for (let i = 0; i < 200; i++) {
      if (server.exitCode !== null) throw new Error(`the redeploy server exited (${server.exitCode})`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/favicon.ico`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the redeploy server did not start');
  };
  const stop = (server: ChildProcess) =>
    new Promise((r) => {
      if (server.exitCode !== null || server.signalCode !== null) return r(null);
      server.once('exit', r);
      server.kill('SIGTERM');
    });
  let server = start();
  try {
    await ready(server);
    await openHydrated(page, `http://127.0.0.1:${port}/`);
    await markDocument(page);
    // The redeploy: the chunk of the session page's group is gone from the new build.
    await stop(server);
    const pkg = path.join(site, 'pkg');
    const manifest = fs.readdirSync(pkg).find((f) => /^__wasm_split_manifest.*\.json$/.test(f))!;
    const modules: string[] = JSON.parse(fs.readFileSync(path.join(pkg, manifest), 'utf8')).lazy_visitor;
    expect(modules.length, 'the session page has a chunk').toBeGreaterThan(0);
    for (const file of fs.readdirSync(pkg)) {
      if (file.startsWith(`${modules[0]}.wasm`)) fs.rmSync(path.join(pkg, file));
    }
    server = start();
    await ready(server);
    await follow(page, '/session');
    await expect(page).toHaveURL(new RegExp(`:${port}/session$`));
    await expect(page.locator('h1')).toHaveText('My session');
    expect(await isSameDocument(page), 'a full page load replaced the dead navigation').toBe(false);
  } finally {
    await stop(server);
    fs.rmSync(site, { recursive: true, force: true });
  }
});

/** The split manifest of the build under test: chunk name → its module files. */
function splitManifest(): Record<string, string[]> {
  const pkg = path.join(process.env.E2E_SITE_ROOT!, 'pkg');
  const file = fs.readdirSync(pkg).find((f) => /^__wasm_split_manifest.*\.json$/.test(f))!;
  return JSON.parse(fs.readFileSync(path.join(pkg, file), 'utf8'));
}

/** The `.wasm` chunk files a page's HTML names for the browser to fetch with the main WASM. */
async function preloadedWasm(page: Page, href: string): Promise<string[]> {
  const html = await (await page.request.get(href)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  return [...head.matchAll(/<meta[^>]*name="wasm-chunk"[^>]*>/g)]
    .map((m) => m[0].match(/content="([^"]+\.wasm)"/)?.[1])
    .filter((h): h is string => Boolean(h))
    .sort();
}

test('the server names exactly the chunks of the page it renders', async ({ page }) => {
  const manifest = splitManifest();
  for (const [href, chunk] of [
    ['/session', 'lazy_visitor'],
    ['/accounts/login', 'lazy_visitor'],
    ['/catalog/books', 'lazy_catalog'],
    ['/catalog/book/1', 'lazy_catalog'],
  ]) {
    const expected = manifest[chunk].map((m) => `/pkg/${m}.wasm`).sort();
    expect(await preloadedWasm(page, href), href).toEqual(expected);
  }
  // Home is in the main chunk: no chunk to name.
  expect(await preloadedWasm(page, '/')).toEqual([]);
});

test('pointing at a link to a lazy page fetches its chunk before the click', async ({ page, consoleErrors }) => {
  await openHydrated(page, '/');
  const fetched = page.waitForRequest((r) => /\/pkg\/split_lazy_visitor\.[^/]*wasm$/.test(new URL(r.url()).pathname));
  await page.evaluate(() => {
    const link = Object.assign(document.createElement('a'), { href: '/session', id: 'hover-me', textContent: 'session' });
    document.querySelector('main')!.prepend(link);
  });
  await page.hover('#hover-me');
  await fetched;
  await markDocument(page);
  await page.click('#hover-me');
  await expect(page.locator('h1')).toHaveText('My session');
  expect(await isSameDocument(page)).toBe(true);
});
