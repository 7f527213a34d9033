/**
 * `npm test`: lint, typecheck, unit and sandbox tests (Vitest), and the end-to-end tests (Playwright in Debian's
 * Chromium), then one closing line with the totals of all suites: `N passed, N failed`.
 *
 * Lint and typecheck count as one check each; Vitest and Playwright count their tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { CHROMIUM_LAUNCH } from '../chromium';

interface Totals {
  passed: number;
  failed: number;
}

const totals: Totals = { passed: 0, failed: 0 };
const summary: string[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function record(suite: string, passed: number, failed: number): void {
  totals.passed += passed;
  totals.failed += failed;
  summary.push(`${suite.padEnd(12)} ${passed} passed, ${failed} failed`);
}

async function check(suite: string, command: string, args: string[]): Promise<void> {
  console.log(`\n=== ${suite}: ${command} ${args.join(' ')}`);
  const code = await run(command, args);
  record(suite, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function vitest(): Promise<void> {
  const out = '.cache/vitest-results.json';
  rmSync(out, { force: true });
  console.log('\n=== unit + sandbox tests: vitest run');
  const code = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const result = readJson(out) as { numPassedTests?: number; numFailedTests?: number } | undefined;
  const passed = result?.numPassedTests ?? 0;
  // A crash that produced no report still counts as a failure.
  const failed = (result?.numFailedTests ?? 0) + (code !== 0 && !result?.numFailedTests ? 1 : 0);
  record('vitest', passed, failed);
}

async function ensureChromium(): Promise<boolean> {
  const path = CHROMIUM_LAUNCH.executablePath;
  if (existsSync(path)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('\n=== Chromium is missing: apt-get install -y chromium');
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    await run('apt-get', ['update', '-qq'], env);
    await run('apt-get', ['install', '-y', '-qq', 'chromium'], env);
  }
  if (existsSync(path)) return true;
  console.error(
    `\nThe end-to-end tests need Debian's Chromium at ${path}. Install it with: sudo apt-get install -y chromium` +
      '\n(or set CHROMIUM_PATH). `npx playwright install` cannot download browsers on these machines.',
  );
  return false;
}

async function playwright(): Promise<void> {
  if (!(await ensureChromium())) {
    record('e2e', 0, 1);
    return;
  }
  const out = '.cache/playwright-results.json';
  rmSync(out, { force: true });
  console.log('\n=== end-to-end tests: playwright test');
  const code = await run('npx', ['playwright', 'test']);
  const result = readJson(out) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | undefined;
  const passed = (result?.stats?.expected ?? 0) + (result?.stats?.flaky ?? 0);
  const failed = (result?.stats?.unexpected ?? 0) + (code !== 0 && !result?.stats?.unexpected ? 1 : 0);
  record('e2e', passed, failed);
}

mkdirSync('.cache', { recursive: true });
await check('lint', 'npx', ['eslint', '.']);
await check('format', 'npx', ['prettier', '--check', '.']);
await check('typecheck', 'npx', ['tsc', '--noEmit']);
await vitest();
await playwright();

console.log('\n=== Summary');
for (const line of summary) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
