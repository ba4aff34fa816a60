import { describe, expect, it } from 'vitest';
import type { EventRecord } from './event-data.ts';
import { labelIn, LABEL_GROUPS, parseSportscodeXml, toSportscodeXml } from './sportscode.ts';
import { parseXml } from './xml-reader.ts';

const base: EventRecord = {
  id: '6f1c2b6e-3c1d-4b7a-9c11-0d8f5a2b7e01',
  code: 'Shot',
  startS: 12.5,
  endS: 20.033367,
  startFrame: 375,
  endFrame: 601,
  period: '2',
  team: 'home',
  teamName: 'Lions & <Tigers>',
  player: "12 O'Neil",
  strength: 'PP',
  outcome: 'Goal',
  note: 'Top shelf — "bar down"',
  videoId: null,
};

describe('Sportscode XML', () => {
  it('round-trips events: code, times, labels, colours', () => {
    const second: EventRecord = {
      ...base,
      id: '0b3a0c9e-5f7e-4a3b-8e0c-4c1f3a2b1d00',
      code: 'Faceoff',
      startS: 0,
      endS: 3,
      period: 'OT',
      team: null,
      teamName: null,
      player: null,
      strength: null,
      outcome: null,
      note: '',
    };
    const xml = toSportscodeXml([base, second], new Map([['Shot', '#FF8000']]));
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<file>\n {2}<ALL_INSTANCES>/);
    expect(xml).toContain('<ID>1</ID>');
    expect(xml).toContain('Lions &amp; &lt;Tigers&gt;');
    const parsed = parseSportscodeXml(xml);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.instances).toHaveLength(2);
    const [a, b] = parsed.instances;
    expect(a).toMatchObject({ id: '1', code: 'Shot', startS: 12.5, endS: 20.033367 });
    expect(labelIn(a!, LABEL_GROUPS.period)).toBe('2');
    expect(labelIn(a!, LABEL_GROUPS.team)).toBe('Lions & <Tigers>');
    expect(labelIn(a!, LABEL_GROUPS.player)).toBe("12 O'Neil");
    expect(labelIn(a!, LABEL_GROUPS.strength)).toBe('PP');
    expect(labelIn(a!, LABEL_GROUPS.outcome)).toBe('Goal');
    expect(labelIn(a!, LABEL_GROUPS.note)).toBe('Top shelf — "bar down"');
    expect(labelIn(a!, LABEL_GROUPS.id)).toBe(base.id);
    expect(b).toMatchObject({ id: '2', code: 'Faceoff', startS: 0, endS: 3 });
    expect(b!.labels.map((l) => l.group)).toEqual(['Period', 'Rinkside ID']);
    expect(parsed.colours.get('Shot')).toBe('#FF8000');
  });

  it('reads a third-party file tolerantly: case, CDATA, entities, comments, decimal commas, junk instances', () => {
    const xml = `\ufeff<?xml version="1.0"?>
<!-- exported by another tool -->
<file><SORT_INFO><sort_type>sort order</sort_type></SORT_INFO>
<all_instances>
  <instance><id>7</id><start>1,5</start><end>4.25</end><code><![CDATA[Zone <Entry>]]></code>
    <label><group>Player</group><text>Fr&#233;d&#xE9;ric &amp; co &unknown;</text></label><label><text>loose</text></label>
  </instance>
  <instance><ID>8</ID><start>9</start><end>3</end><code>Backwards</code></instance>
  <instance><ID>9</ID><start>2</start><end>3</end></instance>
  <instance><ID>10</ID><start>-1</start><end>2</end><code>Early</code>
</all_instances>
<ROWS><row><code>Zone &lt;Entry&gt;</code><R>0</R><G>32896</G><B>65535</B></row></ROWS>
</file>`;
    const parsed = parseSportscodeXml(xml);
    expect(parsed.instances.map((i) => [i.id, i.code, i.startS, i.endS])).toEqual([
      ['7', 'Zone <Entry>', 1.5, 4.25],
      ['10', 'Early', 0, 2],
    ]);
    expect(parsed.instances[0]!.labels).toEqual([
      { group: 'Player', text: 'Frédéric & co &unknown;' },
      { group: null, text: 'loose' },
    ]);
    expect(parsed.skipped).toBe(2);
    expect(parsed.warnings).toHaveLength(3);
    expect(parsed.colours.get('Zone <Entry>')).toBe('#0080FF');
  });

  it('refuses DOCTYPE and entity declarations', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><file><ALL_INSTANCES/></file>`;
    expect(() => parseSportscodeXml(bomb)).toThrow(/DOCTYPE/);
    expect(() => parseXml('<file><!ENTITY x SYSTEM "file:///etc/passwd"></file>')).toThrow(/DOCTYPE or entities/);
  });

  it('says what is wrong with a file that is not a timeline', () => {
    expect(() => parseSportscodeXml('<html><body>hi</body></html>')).toThrow(/no ALL_INSTANCES/);
  });
});
