/**
 * Fuzzing the Sportscode importer with fast-check: random text, XML-like token soup, random
 * element trees, and real timelines with pieces inserted, removed, repeated or cut off. Each
 * either reads (well-formed instances: a code, finite times, start ≤ end) or fails with the
 * reader's 'invalid-args' — never a TypeError/RangeError, never a hang. What reads is also
 * imported into a real SQLite library, which takes it or refuses it with an AppFailure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { openDatabase } from '../store/db.ts';
import { createGame, type StoreContext } from '../store/games.ts';
import { addVideo } from '../store/videos.ts';
import type { EventRecord } from './event-data.ts';
import { parseSportscodeXml, toSportscodeXml, type SportscodeImport } from './sportscode.ts';
import { importSportscode } from './sportscode-import.ts';
import { syntheticTimeline } from './synthetic-timeline.ts';

/** Reads, or refuses with the reader's kind; anything else fails the property. */
function readsOrRefuses(xml: string): SportscodeImport | null {
  let parsed: SportscodeImport;
  try {
    parsed = parseSportscodeXml(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('invalid-args');
    return null;
  }
  for (const i of parsed.instances) {
    expect(i.code).not.toBe('');
    expect(Number.isFinite(i.startS) && Number.isFinite(i.endS)).toBe(true);
    expect(i.startS).toBeGreaterThanOrEqual(0);
    expect(i.endS).toBeGreaterThanOrEqual(i.startS);
    for (const l of i.labels) expect(typeof l.text).toBe('string');
  }
  for (const colour of parsed.colours.values()) expect(colour).toMatch(/^#[0-9A-F]{6}$/);
  return parsed;
}

const TOKENS = [
  '<',
  '>',
  '</',
  '/>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<!DOCTYPE x>',
  '&amp;',
  '&#x41;',
  '&#99999999;',
  '&bogus;',
  '<file>',
  '</file>',
  '<ALL_INSTANCES>',
  '</ALL_INSTANCES>',
  '<all_instances>',
  '<instance>',
  '</instance>',
  '<ID>',
  '</ID>',
  '<code>',
  '</code>',
  '<start>',
  '</start>',
  '<end>',
  '</end>',
  '<label>',
  '</label>',
  '<group>',
  '</group>',
  '<text>',
  '</text>',
  '<ROWS>',
  '<row>',
  '</row>',
  '<R>',
  '</R>',
  '<G>65535</G>',
  '<B>-9</B>',
  '1.5',
  '1,5',
  '-3',
  '1e400',
  'NaN',
  'Shot',
  ' ',
  '\n',
  '"',
  "'",
  '=',
  'a="1"',
  '__proto__',
  'Long code name '.repeat(5),
];
const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((parts) => parts.join(''));

/** A random element tree over Sportscode's names, written out as XML (sometimes left unclosed). */
const tree = fc.letrec<{ node: string; element: string }>((tie) => ({
  // Depth-bounded: a leaf text becomes likelier the deeper the tree.
  node: fc.oneof({ maxDepth: 8, depthIdentifier: 'tree' }, fc.constantFrom('', '7', 'Shot'), tie('element')),
  element: fc
    .tuple(
      fc.constantFrom('file', 'ALL_INSTANCES', 'instance', 'ID', 'start', 'end', 'code', 'label', 'group', 'text', 'x'),
      fc.oneof(fc.constantFrom('', '0', '2.5', '1,25', '-1', 'Shot', 'Période'), fc.string({ maxLength: 6 })),
      fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }),
      fc.boolean(),
    )
    .map(
      ([name, text, children, unclosed]) =>
        `<${name}>${text.replace(/[<&]/g, '')}${children.join('')}${unclosed ? '' : `</${name}>`}`,
    ),
}));
const treeDoc = tree.node.map((inner) => `<file><ALL_INSTANCES>${inner}</ALL_INSTANCES></file>`);

const record = (k: number): EventRecord => ({
  id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
  code: ['Shot', 'Zone <Entry>', 'Faceoff & win'][k % 3] ?? 'Shot',
  startS: k * 3.25,
  endS: k * 3.25 + 2,
  startFrame: k * 97,
  endFrame: k * 97 + 60,
  period: '2',
  team: 'home',
  teamName: "Lions 'n Tigers",
  player: '97 McDavid',
  strength: 'PP',
  outcome: 'Goal',
  note: 'top shelf — "bar down"',
  videoId: null,
});
const REAL = [
  toSportscodeXml([0, 1, 2, 3].map(record), new Map([['Shot', '#FF8000']])),
  syntheticTimeline({ instances: 6, labels: 2 }),
];

/** A real timeline with a few pieces inserted, removed, repeated or cut off. */
const mutatedReal = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.array(fc.tuple(fc.constantFrom('insert', 'remove', 'repeat', 'cut'), fc.nat(), fc.nat({ max: 40 }), soup), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([xml, edits]) => {
    let out = xml;
    for (const [kind, at0, length, text] of edits) {
      const at = out.length ? at0 % out.length : 0;
      if (kind === 'insert') out = out.slice(0, at) + text + out.slice(at);
      else if (kind === 'remove') out = out.slice(0, at) + out.slice(at + length);
      else if (kind === 'repeat') out = out.slice(0, at + length) + out.slice(at, at + length) + out.slice(at + length);
      else out = out.slice(0, at);
    }
    return out;
  });

describe('Sportscode reader (fuzz)', () => {
  it('real timelines read whole', () => {
    for (const xml of REAL) expect(readsOrRefuses(xml)?.instances.length).toBeGreaterThan(0);
  });

  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (xml) => void readsOrRefuses(xml)),
      { numRuns: 1000 },
    );
  });

  it('XML-like token soup', () => {
    fc.assert(
      fc.property(soup, (xml) => void readsOrRefuses(xml)),
      { numRuns: 1000 },
    );
  });

  it('random element trees, some left unclosed', () => {
    fc.assert(
      fc.property(treeDoc, (xml) => void readsOrRefuses(xml)),
      { numRuns: 500 },
    );
  });

  it('real timelines with pieces inserted, removed, repeated or cut off', () => {
    fc.assert(
      fc.property(mutatedReal, (xml) => void readsOrRefuses(xml)),
      { numRuns: 1000 },
    );
  });
});

describe('Sportscode import into a library (fuzz)', () => {
  let dir = '';
  let store: StoreContext;
  let gameId = '';
  let videoId = '';
  const probe: VideoProbe = {
    container: 'mov,mp4,m4a,3gp,3g2,mj2',
    durationS: 60,
    width: 640,
    height: 360,
    codec: 'h264',
    profile: null,
    pixelFormat: 'yuv420p',
    fps: 30,
    variableFrameRate: false,
    frameCount: 1800,
    frameCountExact: true,
    firstFrameTimeS: 0.0334,
    rotation: 0,
    audio: null,
    bitRate: null,
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rinkside-sportscode-fuzz-'));
    store = { db: openDatabase(join(dir, 'library.sqlite')), deviceId: 'fuzz', now: () => new Date().toISOString() };
    gameId = createGame(store, { title: 'Fuzz', date: '2026-01-01', home: 'Lions', away: 'Tigers' }).id;
    videoId = addVideo(store, { gameId, path: '/fuzz.mp4', sizeBytes: 1, sha256: 'x', probe }).id;
  });
  afterAll(() => {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('whatever reads is imported or refused with an AppFailure, and a re-import adds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedReal, treeDoc), async (xml) => {
        const parsed = readsOrRefuses(xml);
        if (!parsed) return;
        try {
          await importSportscode(store, gameId, videoId, parsed);
        } catch (error) {
          expect(error).toBeInstanceOf(AppFailure);
          return;
        }
        const again = await importSportscode(store, gameId, videoId, parsed);
        expect(again.imported).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('a code name longer than a code may be is cut to fit, and a re-import still adds nothing', async () => {
    const long = 'Offensive zone entry with control after a stretch pass '.repeat(2);
    const xml = `<file><ALL_INSTANCES><instance><ID>1</ID><start>4</start><end>6</end><code>${long}</code></instance></ALL_INSTANCES></file>`;
    const parsed = parseSportscodeXml(xml);
    expect(await importSportscode(store, gameId, videoId, parsed)).toMatchObject({ imported: 1, skipped: 0 });
    expect(await importSportscode(store, gameId, videoId, parsed)).toMatchObject({ imported: 0, skipped: 1 });
  });
});
