import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { repoRoot, startHost, stopHost } from './host-fixture.ts';

/**
 * The production renderer (out/renderer, as `npm run build` leaves it) carries the UI benchmark
 * only in a chunk the page loads on ?bench: the files the app loads at start hold none of the
 * bench's own strings, a lazily loaded chunk holds all of them, and the real page fetches that
 * chunk on ?bench only.
 */
const rendererDir = join(repoRoot, 'out/renderer');

/** String literals only the bench's modules (renderer/src/bench/) contain. */
const BENCH_LITERALS = [
  '__rinksideBench',
  'bench window failed',
  'bench timeline not mounted',
  'open a video first',
  'data-bench-timeline',
];

/** The .js files the page loads at start: index.html's scripts and preloads, and their static imports. */
function eagerFiles(): Set<string> {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const pending = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.\/([^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  );
  const eager = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (eager.has(file)) continue;
    eager.add(file);
    const code = readFileSync(join(rendererDir, file), 'utf8');
    // `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")` (a lazy chunk).
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+\s*from\s*)?["']\.\/([^"']+\.js)["']/g))
      pending.push(join(file, '..', m[1] as string));
  }
  return eager;
}

const assetFiles = () =>
  readdirSync(join(rendererDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`);

test('the built renderer keeps the UI benchmark in a lazily loaded chunk', () => {
  const eager = eagerFiles();
  expect(eager.size).toBeGreaterThan(0);
  const lazy = assetFiles().filter((file) => !eager.has(file));
  const texts = new Map(assetFiles().map((file) => [file, readFileSync(join(rendererDir, file), 'utf8')]));
  const text = (file: string) => texts.get(file) ?? '';
  for (const literal of BENCH_LITERALS) {
    const holding = (files: Iterable<string>) => [...files].filter((file) => text(file).includes(literal));
    expect(holding(eager), `files loaded at start holding ${literal}`).toEqual([]);
    expect(holding(lazy), `lazy chunks holding ${literal}`).not.toHaveLength(0);
  }
  // The bench chunk is reached by a dynamic import from the files the page loads.
  const benchChunks = lazy.filter((file) => text(file).includes('__rinksideBench'));
  for (const chunk of benchChunks) {
    const name = chunk.slice('assets/'.length);
    expect([...eager].some((file) => text(file).includes(`import("./${name}")`))).toBe(true);
  }
});

test('the page fetches the bench chunk on ?bench only', async ({ page }) => {
  const host = await startHost();
  try {
    const benchChunk = assetFiles().find((file) =>
      readFileSync(join(rendererDir, file), 'utf8').includes('__rinksideBench'),
    );
    expect(benchChunk).toBeDefined();
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(new URL(request.url()).pathname));

    await page.goto(host.url);
    await page.waitForLoadState('networkidle');
    expect(fetched.some((path) => path.endsWith('.js'))).toBe(true);
    expect(fetched.filter((path) => path.endsWith(`/${benchChunk}`))).toEqual([]);
    expect(await page.evaluate(() => '__rinksideBench' in window)).toBe(false);

    await page.goto(`${host.url}&bench=1`);
    await page.waitForFunction(() => '__rinksideBench' in window);
    expect(fetched.filter((path) => path.endsWith(`/${benchChunk}`))).toHaveLength(1);
  } finally {
    await stopHost(host);
  }
});
