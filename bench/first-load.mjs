// First load of a page in Debian's Chromium with a cold cache, then a repeat visit; for
// bench/run.sh (`make bench`). Standalone: uses the playwright-core that end2end/ installed.
//
//   node bench/first-load.mjs URL [RUNS] > result.json
//
// Each run opens a fresh browser context (empty HTTP cache, no cookies), loads URL, waits until
// the WASM has hydrated the page (`<html data-hydrated="true">`) and the network is idle, then
// opens the same URL again in a new tab of that context (the repeat visit). It records, from the
// DevTools protocol, every response: bytes on the wire (headers + body as received, so brotli
// sizes when the server compresses), status, Content-Encoding, and whether the memory or disk
// cache served it; and, from the page, the time from navigation start until
// WebAssembly.instantiate(Streaming) resolved and until the page was hydrated.
//
// Prints one JSON object: {runs: [...], median: {...}}; exits 1 with the reason on stderr when
// Chromium or the page fails.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

let chromium;
try {
  // end2end/ installs @playwright/test, which brings playwright-core.
  ({ chromium } = require(path.join(here, '../end2end/node_modules/playwright-core')));
} catch (err) {
  console.error(`playwright-core is not installed in end2end/node_modules (run 'make browser-tools'): ${err.message}`);
  process.exit(1);
}

const url = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!url || !(runs > 0)) {
  console.error('usage: node bench/first-load.mjs URL [RUNS]');
  process.exit(2);
}
const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const args = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HYDRATED_TIMEOUT = 30_000;

// Runs in the page before any of its scripts: note when the WASM is instantiated and when
// <html data-hydrated="true"> appears, in ms since navigation start (performance.now()).
const probe = () => {
  const bench = (window.__bench = { instantiated: null, hydrated: null, instantiateCalls: 0 });
  const now = () => performance.now();
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original !== 'function') continue;
    WebAssembly[name] = function (...a) {
      bench.instantiateCalls += 1;
      return original.apply(this, a).then((result) => {
        if (bench.instantiated === null) bench.instantiated = now();
        return result;
      });
    };
  }
  new MutationObserver((_, observer) => {
    if (document.documentElement?.dataset.hydrated === 'true') {
      bench.hydrated = now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
};

/** The kind of a response, for the byte breakdown. */
function kind(r) {
  const p = new URL(r.url).pathname;
  if (r.type === 'Document') return 'html';
  for (const ext of ['css', 'js', 'wasm']) if (p.endsWith(`.${ext}`)) return ext;
  return 'other';
}

/** Whether a response (its path already relative) is a static file rather than a page or API call. */
function isAsset(r) {
  return (
    r.url.startsWith('/pkg/') ||
    /\.(css|js|mjs|wasm|ico|png|jpe?g|gif|svg|webp|avif|woff2?|ttf)$/.test(r.url) ||
    ['Stylesheet', 'Script', 'Image', 'Font', 'Media'].includes(r.type)
  );
}

/** Loads `target` in a new page of `context`; returns its responses and the page's timings. */
async function visit(context, target) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const entry = (id) => {
    if (!requests.has(id)) requests.set(id, { id, url: '', type: '', status: 0, bytes: 0, cached: false });
    return requests.get(id);
  };
  cdp.on('Network.requestWillBeSent', (e) => {
    const r = entry(e.requestId);
    r.url = e.request.url;
    r.type = e.type ?? r.type;
  });
  cdp.on('Network.requestServedFromCache', (e) => (entry(e.requestId).cached = true));
  cdp.on('Network.responseReceived', (e) => {
    const r = entry(e.requestId);
    const res = e.response;
    r.url = res.url;
    r.type = e.type ?? r.type;
    r.status = res.status;
    r.cached ||= Boolean(res.fromDiskCache || res.fromPrefetchCache || res.fromServiceWorker);
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    r.encoding = headers['content-encoding'] ?? 'identity';
    r.contentLength = headers['content-length'] ? Number(headers['content-length']) : null;
    r.cacheControl = headers['cache-control'] ?? '';
  });
  cdp.on('Network.loadingFinished', (e) => (entry(e.requestId).bytes = e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => (entry(e.requestId).failed = e.errorText));
  await cdp.send('Network.enable');
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));

  await page.goto(target, { waitUntil: 'load' });
  try {
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', null, {
      timeout: HYDRATED_TIMEOUT,
    });
  } catch {
    throw new Error(`${target} did not hydrate within ${HYDRATED_TIMEOUT / 1000} s (${errors.join('; ') || 'no console error'})`);
  }
  await page.waitForLoadState('networkidle');
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'));
    return {
      ...window.__bench,
      htmlResponseEnd: nav?.responseEnd ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      load: nav?.loadEventEnd ?? null,
      wasmResponseEnd: wasm.length ? Math.max(...wasm.map((e) => e.responseEnd)) : null,
    };
  });
  await page.close();
  const responses = [...requests.values()].filter((r) => r.url.startsWith('http') && (r.status || r.failed));
  return { responses, timings, errors };
}

function median(values) {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const browser = await chromium.launch({ executablePath, args, headless: true }).catch((err) => {
  console.error(`Chromium (${executablePath}) did not start: ${err.message.split('\n')[0]}`);
  process.exit(1);
});
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    await context.addInitScript(probe);
    try {
      const first = await visit(context, url);
      const repeat = await visit(context, url);
      const bytes = { html: 0, css: 0, js: 0, wasm: 0, other: 0 };
      for (const r of first.responses) bytes[kind(r)] += r.bytes;
      // The repeat visit: which responses other than the page itself did not come from a cache.
      const fetched = repeat.responses
        .filter((r) => r.type !== 'Document' && !r.cached)
        .map((r) => ({ url: new URL(r.url).pathname, type: r.type, status: r.status, bytes: r.bytes }));
      results.push({
        bytes,
        pageBytes: bytes.html + bytes.css + bytes.js + bytes.wasm,
        first: first.responses.map(({ id, ...r }) => ({ ...r, url: new URL(r.url).pathname, kind: kind(r) })),
        timings: first.timings,
        errors: first.errors,
        repeat: {
          downloaded: fetched.filter((r) => r.status !== 304),
          revalidated: fetched.filter((r) => r.status === 304),
          // Static files (not the page, not API calls) that came over the network again.
          assets: fetched.filter(isAsset),
          assetCount: repeat.responses.filter((r) => isAsset({ ...r, url: new URL(r.url).pathname })).length,
          cached: repeat.responses.filter((r) => r.cached).map((r) => new URL(r.url).pathname),
          timings: repeat.timings,
        },
      });
    } finally {
      await context.close();
    }
  }
} catch (err) {
  console.error(err.message.split('\n')[0]);
  await browser.close();
  process.exit(1);
}
await browser.close();

const pick = (f) => median(results.map(f));
const out = {
  url,
  runs: results.length,
  chromium: browser.version(),
  median: {
    bytes: Object.fromEntries(Object.keys(results[0].bytes).map((k) => [k, pick((r) => r.bytes[k])])),
    pageBytes: pick((r) => r.pageBytes),
    instantiated: pick((r) => r.timings.instantiated),
    hydrated: pick((r) => r.timings.hydrated),
    wasmResponseEnd: pick((r) => r.timings.wasmResponseEnd),
    htmlResponseEnd: pick((r) => r.timings.htmlResponseEnd),
    repeatHydrated: pick((r) => r.repeat.timings.hydrated),
  },
  results,
};
// Min and max over the runs, next to the medians.
const span = (f) => {
  const v = results.map(f).filter((x) => typeof x === 'number');
  return v.length ? [Math.min(...v), Math.max(...v)] : null;
};
out.range = {
  instantiated: span((r) => r.timings.instantiated),
  hydrated: span((r) => r.timings.hydrated),
  pageBytes: span((r) => r.pageBytes),
  wasmResponseEnd: span((r) => r.timings.wasmResponseEnd),
};
// The worst repeat visit: the most static files fetched again.
out.repeatWorst = results.map((r) => r.repeat).reduce((a, b) => (b.assets.length > a.assets.length ? b : a));
console.log(JSON.stringify(out, null, 2));
