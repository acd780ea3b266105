import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** What playwright.cluster.config.ts put in the environment. */
export const ROOT = path.resolve(__dirname, '..', '..');
export const BASE = `http://127.0.0.1:${process.env.CLUSTER_PORT}`;
export const INSTANCES = Number(process.env.INSTANCES ?? 3);
export const SERVERS = Array.from({ length: INSTANCES }, (_, i) => `app${i + 1}`);
const RUN = process.env.CLUSTER_DIR!;
const SCRIPT = path.join(ROOT, 'scripts', 'cluster.sh');

/** Runs `scripts/cluster.sh COMMAND` to the end, its output shown with the test's. */
export function cluster(command: 'up' | 'down' | 'roll', { fresh = false } = {}) {
  execFileSync(SCRIPT, [command], { stdio: 'inherit', env: { ...process.env, CLUSTER_FRESH: fresh ? '1' : '0' } });
}

/** Starts `scripts/cluster.sh roll`; resolves with its exit code and output once it ends. */
export function roll(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCRIPT, ['roll'], { env: { ...process.env, CLUSTER_FRESH: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The pid of server `appN` from its pid file in the run folder. */
export function serverPid(name: string): number {
  return Number(fs.readFileSync(path.join(RUN, `${name}.pid`), 'utf8').trim());
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const ACCESS_LOG = path.join(RUN, 'logs', 'nginx-access.log');

/** Where nginx's access log ends now. */
export function accessLogSize(): number {
  return fs.existsSync(ACCESS_LOG) ? fs.statSync(ACCESS_LOG).size : 0;
}

/**
 * Home-page GETs logged since `offset` that nginx first sent to `server`, got no answer from,
 * and answered from another server (`upstream=<server>, <other>`).
 */
export function retriedHomeViews(offset: number, server: string): number {
  const port = Number(process.env.CLUSTER_SERVER_PORT) + SERVERS.indexOf(server);
  const log = fs.readFileSync(ACCESS_LOG).subarray(offset).toString('utf8');
  const retried = new RegExp(`"GET / HTTP/1\\.1" 200 \\d+ upstream=127\\.0\\.0\\.1:${port}, `);
  return log.split('\n').filter((line) => retried.test(line)).length;
}

/** The password every account made by `createUser` gets. */
export const PASSWORD = 'correct horse battery';

/** Creates an account with the real `locallibrary createuser` on the cluster's database. */
export function createUser(prefix: string, { librarian = false } = {}): string {
  const username = `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const passwordFile = path.join(RUN, `${username}.password`);
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`);
  const database = `postgres://postgres@127.0.0.1:${process.env.LOCALLIBRARY_PG_PORT ?? 5439}/${process.env.CLUSTER_DB}`;
  execFileSync(
    process.env.LOCALLIBRARY_BIN!,
    ['createuser', username, '--email', `${username}@example.com`, '--password-file', passwordFile,
      ...(librarian ? ['--librarian'] : [])],
    { env: { ...process.env, DATABASE_URL: database, RUST_LOG: 'warn' } },
  );
  return username;
}

/** One response, as a visitor saw it. */
export interface Answer {
  status: number;
  /** The server that made it (`X-Instance`), or '' (nginx's own answers carry none). */
  instance: string;
  body: string;
  /** A network error instead of a response. */
  error?: string;
}

/** A visitor outside the browser: its own cookie jar, one request at a time or many. */
export class Visitor {
  readonly jar = new Map<string, string>();

  cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(pathname: string): Promise<Answer> {
    return this.send('GET', pathname);
  }

  /** A form post, as a server function's form (or a no-JS form) sends it from our own page. */
  post(pathname: string, form: Record<string, string>): Promise<Answer> {
    return this.send('POST', pathname, new URLSearchParams(form).toString());
  }

  private async send(method: string, pathname: string, body?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'Accept-Language': 'en' };
    if (this.jar.size) headers.Cookie = this.cookieHeader();
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      headers.Origin = BASE;
      headers.Accept = 'application/json';
    }
    try {
      const response = await fetch(BASE + pathname, { method, headers, body, redirect: 'manual' });
      const text = await response.text();
      this.remember(response.headers.getSetCookie());
      return { status: response.status, instance: response.headers.get('x-instance') ?? '', body: text };
    } catch (err) {
      return { status: 0, instance: '', body: '', error: String((err as Error).cause ?? err) };
    }
  }

  private remember(setCookies: string[]) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = value === '' || attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }
}

/** The count in the home page's "You have visited this page N times.", if there is one. */
export function visitsIn(html: string): number | undefined {
  const match = html.match(/You have visited this page (\d+) times?\./);
  return match ? Number(match[1]) : undefined;
}

/**
 * Sends requests at a constant `rate` per second (open loop: a slow answer does not slow the
 * sending) until `done()` says stop, then waits for every answer.
 */
export async function constantLoad<T>(rate: number, done: () => boolean, request: (n: number) => Promise<T>) {
  const started = performance.now();
  const pending: Promise<T>[] = [];
  while (!done()) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (pending.length < due) pending.push(request(pending.length));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  return { answers: await Promise.all(pending), seconds };
}

/** How many answers each server gave. */
export function perServer(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.instance || '(none)'] = (counts[a.instance || '(none)'] ?? 0) + 1;
  return counts;
}
