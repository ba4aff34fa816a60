/**
 * Sportscode (Hudl) XML timelines, both ways: the `<file><ALL_INSTANCES><instance>` layout that
 * Sportscode, Nacsport, Angles and LongoMatch exchange. Each instance has ID, start and end
 * (seconds), code, and labels (group + text); ROWS carry code colours (16-bit channels).
 * Rinkside writes its descriptors as labels (Period, Team, Player, Strength, Outcome, Note) and
 * its event id as a "Rinkside ID" label, so a file exported here re-imports to the same events.
 */
import { AppFailure } from '../../contract/errors.ts';
import type { EventRecord } from './event-data.ts';
import { element } from './xml.ts';
import { childrenNamed, childText, findAll, parseXml } from './xml-reader.ts';

export interface SportscodeLabel {
  group: string | null;
  text: string;
}

export interface SportscodeInstance {
  /** The file's instance ID (text: some tools write non-numbers). */
  id: string;
  startS: number;
  endS: number;
  code: string;
  labels: SportscodeLabel[];
}

export interface SportscodeImport {
  instances: SportscodeInstance[];
  /** Code → '#RRGGBB' from ROWS, where given. */
  colours: Map<string, string>;
  warnings: string[];
  skipped: number;
}

export const LABEL_GROUPS = {
  period: 'Period',
  team: 'Team',
  player: 'Player',
  strength: 'Strength',
  outcome: 'Outcome',
  note: 'Note',
  id: 'Rinkside ID',
} as const;

/** The most instances one timeline may hold: a season's tagging fits; a file meant to stall the app does not. */
export const MAX_INSTANCES = 50_000;

/** Seconds with up to 6 decimals, no trailing zeros ("12.5", not "12.500000"). */
const seconds = (s: number) => String(Number(s.toFixed(6)));

function labelsOf(r: EventRecord): SportscodeLabel[] {
  const labels: SportscodeLabel[] = [];
  const add = (group: string, text: string | null) => {
    if (text !== null && text !== '') labels.push({ group, text });
  };
  add(LABEL_GROUPS.period, r.period);
  add(LABEL_GROUPS.team, r.teamName ?? r.team);
  add(LABEL_GROUPS.player, r.player);
  add(LABEL_GROUPS.strength, r.strength);
  add(LABEL_GROUPS.outcome, r.outcome);
  add(LABEL_GROUPS.note, r.note);
  add(LABEL_GROUPS.id, r.id);
  return labels;
}

function channel(hex: string, at: number): string {
  // 8-bit channel → Sportscode's 16-bit (0xAB → 0xABAB).
  return String(parseInt(hex.slice(at, at + 2), 16) * 257);
}

/** Writes events (in the given order; IDs 1…n) and, optionally, the codes' colours. */
export function toSportscodeXml(
  records: readonly EventRecord[],
  colours: ReadonlyMap<string, string> = new Map(),
): string {
  const instances = records.map((r, k) =>
    element(
      'instance',
      [
        element('ID', String(k + 1), '      '),
        element('start', seconds(r.startS), '      '),
        element('end', seconds(r.endS), '      '),
        element('code', r.code, '      '),
        ...labelsOf(r).map((l) =>
          element(
            'label',
            [element('group', l.group ?? '', '        '), element('text', l.text, '        ')],
            '      ',
          ),
        ),
      ],
      '    ',
    ),
  );
  const rows = [...new Set(records.map((r) => r.code))].flatMap((code) => {
    const hex = colours.get(code);
    if (!hex || !/^#[0-9a-fA-F]{6}$/.test(hex)) return [];
    const v = hex.slice(1);
    return [
      element(
        'row',
        [
          element('code', code, '      '),
          element('R', channel(v, 0), '      '),
          element('G', channel(v, 2), '      '),
          element('B', channel(v, 4), '      '),
        ],
        '    ',
      ),
    ];
  });
  const body = [element('ALL_INSTANCES', instances, '  '), ...(rows.length ? [element('ROWS', rows, '  ')] : [])];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('file', body)}\n`;
}

/** "12.5", "12,5" (a decimal comma from some locales) → 12.5; null when not a number. */
function parseTime(text: string | null): number | null {
  if (text === null || text === '') return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

function toHex(r: number, g: number, b: number): string {
  const byte = (v: number) =>
    Math.round(Math.max(0, Math.min(65535, v)) / 257)
      .toString(16)
      .padStart(2, '0');
  return `#${byte(r)}${byte(g)}${byte(b)}`.toUpperCase();
}

/** Reads instances and code colours; what cannot be an event is skipped with a warning. */
export function parseSportscodeXml(source: string): SportscodeImport {
  const root = parseXml(source);
  const containers = root.name.toLowerCase() === 'all_instances' ? [root] : findAll(root, 'ALL_INSTANCES');
  if (containers.length === 0) {
    throw new AppFailure('invalid-args', 'This is not a Sportscode timeline: it has no ALL_INSTANCES element.');
  }
  const warnings: string[] = [];
  const instances: SportscodeInstance[] = [];
  let skipped = 0;
  const elements = containers.flatMap((c) => childrenNamed(c, 'instance'));
  if (elements.length > MAX_INSTANCES) {
    throw new AppFailure(
      'invalid-args',
      `This timeline has ${elements.length.toLocaleString('en')} instances; Rinkside imports at most ${MAX_INSTANCES.toLocaleString('en')} from one file.`,
    );
  }
  for (const el of elements) {
    const id = childText(el, 'ID') ?? String(instances.length + skipped + 1);
    const code = childText(el, 'code') ?? '';
    let startS = parseTime(childText(el, 'start'));
    const endS = parseTime(childText(el, 'end'));
    if (code === '' || startS === null || endS === null || endS < startS) {
      skipped++;
      warnings.push(
        `Instance ${id} was skipped: ${code === '' ? 'it has no code' : 'its start and end are not a valid time span'}.`,
      );
      continue;
    }
    if (startS < 0) {
      warnings.push(`Instance ${id} starts before 0 s; it starts at 0 s instead.`);
      startS = 0;
    }
    const labels = childrenNamed(el, 'label').map((l) => ({
      group: childText(l, 'group'),
      text: childText(l, 'text') ?? '',
    }));
    instances.push({ id, startS, endS: Math.max(startS, endS), code, labels });
  }
  const colours = new Map<string, string>();
  for (const row of findAll(root, 'row')) {
    const code = childText(row, 'code');
    const [r, g, b] = ['R', 'G', 'B'].map((c) => parseTime(childText(row, c)));
    if (code && r != null && g != null && b != null) colours.set(code, toHex(r, g, b));
  }
  return { instances, colours, warnings, skipped };
}

/** The text of the first label in `group` (any letter case), or null. */
export function labelIn(instance: SportscodeInstance, group: string): string | null {
  const want = group.toLowerCase();
  return instance.labels.find((l) => l.group?.toLowerCase() === want)?.text ?? null;
}
