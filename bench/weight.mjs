// What each page costs a first-time visitor, and what following a link to a lazy page costs;
// for bench/weight.sh (`make bench-weight`). Uses the playwright-core that end2end/ installed.
//
//   node bench/weight.mjs BASE_URL RUNS LIBRARIAN PASSWORD > result.json
//
// First loads: for each page, RUNS fresh browser contexts (cold cache; the librarian's pages log
// in first through the plain form, which loads no WASM), then the bytes on the wire by kind
// (brotli, as served), the main WASM apart from the lazy chunks, and the time from navigation
// start until the main WASM was instantiated and until the page was hydrated.
// Navigations: from a hydrated home page, a click on a link to each lazy page until its heading
// shows (chunk fetched, page rendered), without a reload; median and worst of RUNS.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require(path.join(here, '../end2end/node_modules/playwright-core'));

const [base, runsArg, librarian, password] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
if (!base || !(runs > 0)) {
  console.error('usage: node bench/weight.mjs BASE_URL RUNS [LIBRARIAN PASSWORD]');
  process.exit(2);
}
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args });

const probe = () => {
  const bench = (window.__bench = { instantiated: null, hydrated: null });
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...a) {
    return original.apply(this, a).then((r) => ((bench.instantiated ??= performance.now()), r));
  };
  const original2 = WebAssembly.instantiate;
  WebAssembly.instantiate = function (...a) {
    return original2.apply(this, a).then((r) => ((bench.instantiated ??= performance.now()), r));
  };
  new MutationObserver((_, o) => {
    if (document.documentElement?.dataset.hydrated === 'true') { bench.hydrated = performance.now(); o.disconnect(); }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
};

async function logIn(context) {
  if (!librarian) throw new Error('a librarian page needs LIBRARIAN and PASSWORD');
  const res = await context.request.post(`${base}/api/accounts/login`, {
    form: { username: librarian, password, next: '/' },
    maxRedirects: 0,
  });
  if (res.status() >= 400) throw new Error(`login failed: ${res.status()}`);
}

async function firstLoad(pagePath, asLibrarian) {
  const context = await browser.newContext();
  try {
    if (asLibrarian) await logIn(context);
    await context.addInitScript(probe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map();
    cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }));
    cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
    await cdp.send('Network.enable');
    await page.goto(`${base}${pagePath}`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const timings = await page.evaluate(() => window.__bench);
    const bytes = { html: 0, css: 0, js: 0, mainWasm: 0, chunks: 0, other: 0 };
    for (const r of requests.values()) {
      const p = new URL(r.url).pathname;
      if (r.type === 'Document') bytes.html += r.bytes;
      else if (p.endsWith('.css')) bytes.css += r.bytes;
      else if (p.endsWith('.js')) bytes.js += r.bytes;
      else if (/\/pkg\/locallibrary\.[^/]*wasm$/.test(p)) bytes.mainWasm += r.bytes;
      else if (p.endsWith('.wasm')) bytes.chunks += r.bytes;
      else bytes.other += r.bytes;
    }
    bytes.total = bytes.html + bytes.css + bytes.js + bytes.mainWasm + bytes.chunks;
    return { bytes, timings };
  } finally {
    await context.close();
  }
}

async function navigate(target) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => (window.__same = true));
    const ms = await page.evaluate((href) => new Promise((resolve, reject) => {
      const before = document.querySelector('h1')?.textContent;
      const link = Object.assign(document.createElement('a'), { href, textContent: href });
      document.querySelector('main').prepend(link);
      const start = performance.now();
      const done = () => location.pathname === href && document.querySelector('h1')?.textContent !== before;
      new MutationObserver((_, o) => { if (done()) { o.disconnect(); resolve(performance.now() - start); } })
        .observe(document.body, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error(`${href} did not render within 10 s`)), 10_000);
      link.click();
    }), target);
    if (!(await page.evaluate(() => window.__same === true))) throw new Error(`${target} reloaded the page`);
    return ms;
  } finally {
    await context.close();
  }
}

const median = (v) => { const s = [...v].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pages = [
  ['/', false], ['/catalog/books', false], ['/catalog/book/1', false], ['/accounts/login', false],
  ['/catalog/borrowed', true],
];
const out = { firstLoads: [], navigations: [] };
try {
  for (const [p, lib] of pages) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await firstLoad(p, lib));
    const pick = (f) => median(samples.map(f));
    out.firstLoads.push({
      page: p + (lib ? ' (librarian)' : ''),
      bytes: Object.fromEntries(Object.keys(samples[0].bytes).map((k) => [k, pick((s) => s.bytes[k])])),
      instantiatedMs: pick((s) => s.timings.instantiated ?? NaN),
      hydratedMs: pick((s) => s.timings.hydrated ?? NaN),
    });
  }
  for (const target of ['/catalog/books', '/session', '/accounts/login', '/register']) {
    const samples = [];
    for (let i = 0; i < runs; i++) samples.push(await navigate(target));
    out.navigations.push({ target, medianMs: median(samples), worstMs: Math.max(...samples) });
  }
} catch (err) {
  console.error(err.message.split('\n')[0]);
  await browser.close();
  process.exit(1);
}
await browser.close();
console.log(JSON.stringify(out, null, 2));
