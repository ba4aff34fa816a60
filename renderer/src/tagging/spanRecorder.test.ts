import { describe, expect, it } from 'vitest';
import { cancelSpans, pressSpan } from './spanRecorder.ts';

const at = (frame: number) => ({ timeS: frame / 25, frame });

describe('span recording', () => {
  it('starts on the first press and finishes on the second', () => {
    const first = pressSpan({}, 'line', 'v1', at(10));
    expect(first.kind).toBe('started');
    expect(first.recording).toEqual({ line: { videoId: 'v1', at: at(10) } });
    const second = pressSpan(first.recording, 'line', 'v1', at(30));
    expect(second).toEqual({ kind: 'finished', recording: {}, from: at(10), to: at(30) });
  });

  it('records several codes at once, each ended by its own key', () => {
    const a = pressSpan({}, 'line', 'v1', at(1));
    const b = pressSpan(a.recording, 'pp', 'v1', at(2));
    const c = pressSpan(b.recording, 'line', 'v1', at(3));
    expect(c.kind).toBe('finished');
    expect(Object.keys(c.recording)).toEqual(['pp']);
  });

  it('restarts when the first press was on another video; Esc forgets all', () => {
    const a = pressSpan({}, 'line', 'v1', at(5));
    const b = pressSpan(a.recording, 'line', 'v2', at(7));
    expect(b.kind).toBe('started');
    expect(b.recording['line']?.videoId).toBe('v2');
    expect(cancelSpans()).toEqual({});
  });
});
