import { describe, expect, it } from 'vitest';
import type { Roster, RunAffiliations } from '../../../electron/contract/index.ts';
import { hitTrack, TRACK_MARK } from './drawOverlay.ts';
import { createFrameBoxes } from './frameBoxes.ts';
import {
  createTrackStyle,
  hiddenClassTable,
  jerseyColours,
  OFF_ICE_COLOUR,
  teamLook,
  textOnColour,
} from './trackStyle.ts';
import { containRect } from './videoRect.ts';

const affiliations: RunAffiliations = {
  runId: 'r',
  tracks: [
    { trackId: 1, affiliation: 'team-a', confidence: 0.9, corrected: false },
    { trackId: 2, affiliation: 'team-b', confidence: 0.8, corrected: false },
    { trackId: 3, affiliation: 'official', confidence: 1, corrected: false },
    { trackId: 4, affiliation: 'off-ice', confidence: 0.7, corrected: true },
  ],
  colours: { 'team-a': '#14236a', 'team-b': '#be1923', official: '#404040' },
  homeGroup: null,
  sampled: true,
};

const roster = (colour: string): Roster =>
  ({
    teams: [{ id: 't', gameId: 'g', side: 'home', name: 'RPI', colour }],
    players: [],
  }) as unknown as Roster;

describe('team colours and marks on the overlay', () => {
  it('shows the measured jersey colours until the home jersey is chosen, then the roster team colour', () => {
    expect(jerseyColours(affiliations, roster('#00ff00'))['team-a']).toBe('#14236a');
    const chosen = { ...affiliations, homeGroup: 'team-b' as const };
    const palette = jerseyColours(chosen, roster('#00ff00'));
    expect(palette['team-b']).toBe('#00ff00'); // home: the roster's home team colour
    expect(palette['team-a']).toBe('#14236a'); // away: no away team on the roster, the jersey
  });

  it('draws teams in their colours, officials dashed, and hides off-ice people unless shown', () => {
    const look = teamLook(affiliations, null, false);
    const style = createTrackStyle({
      classNames: ['person'],
      players: new Map([[2, { name: 'Ada', number: 9, colour: '#ffffff' }]]),
      showLabels: true,
      hiddenClasses: hiddenClassTable(['person'], []),
      hoverTrack: -1,
      selectedTrack: -1,
      teams: look,
    });
    expect(style.colourOf(1, 0)).toBe('#14236a');
    // A linked player's team colour wins over the jersey cluster.
    expect(style.colourOf(2, 0)).toBe('#ffffff');
    expect(style.markOf(3)).toBe(TRACK_MARK.dashed);
    expect(style.markOf(4)).toBe(TRACK_MARK.hidden);
    expect(style.markOf(1)).toBe(TRACK_MARK.plain);
    const shown = teamLook(affiliations, null, true);
    expect(shown.marks.get(4)).toBeUndefined();
    expect(shown.colours.get(4)).toBe(OFF_ICE_COLOUR);
  });

  it('labels read on any jersey: light text on navy, dark text on white or yellow', () => {
    expect(textOnColour('#14236a')).toBe('#ffffff');
    expect(textOnColour('#f4f4f4')).toBe('#0b0f14');
    expect(textOnColour('#ffe066')).toBe('#0b0f14');
    expect(textOnColour('#be1923')).toBe('#ffffff');
  });

  it('a hidden off-ice person cannot be clicked; the box behind them can', () => {
    const boxes = createFrameBoxes();
    boxes.coords.set([100, 100, 400, 500, 200, 200, 260, 300]);
    boxes.classId.set([0, 0]);
    boxes.trackId.set([1, 4]);
    boxes.count = 2;
    const rect = containRect(768, 576, 768, 576);
    const style = createTrackStyle({
      classNames: ['person'],
      players: new Map(),
      showLabels: false,
      hiddenClasses: hiddenClassTable(['person'], []),
      hoverTrack: -1,
      selectedTrack: -1,
      teams: teamLook(affiliations, null, false),
    });
    expect(hitTrack(boxes, rect, style.hiddenClasses, 230, 250)).toBe(4);
    expect(hitTrack(boxes, rect, style.hiddenClasses, 230, 250, style.markOf)).toBe(1);
  });
});
