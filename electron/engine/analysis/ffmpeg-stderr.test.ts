import { describe, expect, it } from 'vitest';
import { StderrLines, failureFromExit, parseShowinfoLine } from './ffmpeg-stderr.ts';

describe('parseShowinfoLine', () => {
  it.each([
    [
      '[Parsed_showinfo_3 @ 0x55af1903a4c0] n:   1 pts:   3072 pts_time:0.24    pos:     1785 fmt:bgr24 sar:1/1 s:32x24 i:P iskey:0 type:B ',
      { kind: 'frame', n: 1, pts: 3072, size: '32x24' },
    ],
    [
      '[Parsed_showinfo_0 @ 0x5643] n:49999 pts:55333333 pts_time:1844.44 pos:  80 fmt:yuv420p sar:1/1 s:1920x1088 i:P',
      { kind: 'frame', n: 49999, pts: 55333333, size: '1920x1088' },
    ],
    [
      '[Parsed_showinfo_0 @ 0x1] n:   0 pts:  -1024 pts_time:-0.08 pos: 1 fmt:bgr24 s:2x2 ',
      { kind: 'frame', n: 0, pts: -1024, size: '2x2' },
    ],
    [
      '[Parsed_showinfo_3 @ 0x55989ee21900] config in time_base: 1/12800, frame_rate: 25/1',
      { kind: 'time-base', num: 1, den: 12800 },
    ],
    ['[Parsed_showinfo_3 @ 0x55989ee21900] config out time_base: 0/0, frame_rate: 0/0', undefined],
    ['[Parsed_showinfo_3 @ 0x1] color_range:pc color_space:gbr color_primaries:unknown color_trc:unknown', undefined],
    ['frame=    3 fps=0.0 q=-0.0 Lsize=       7kB time=00:00:00.40', undefined],
    ['[mov,mp4,m4a,3gp,3g2,mj2 @ 0x1] moov atom not found', undefined],
  ])('%s', (line, expected) => {
    expect(parseShowinfoLine(line, true)).toEqual(expected);
  });

  it('skips the size unless asked', () => {
    expect(parseShowinfoLine('[Parsed_showinfo_1 @ 0x1] n:   2 pts:   7 pts_time:1 s:4x4 ')).toEqual({
      kind: 'frame',
      n: 2,
      pts: 7,
      size: undefined,
    });
  });
});

describe('StderrLines', () => {
  it('joins lines split across chunks, strips CR and keeps a tail without showinfo lines', () => {
    const lines = new StderrLines(2);
    const seen: string[] = [];
    lines.push('a\r\n[Parsed_showinfo_0 @ 0x1] n:', (l) => seen.push(l));
    lines.push('   0 pts: 1 \nb\nc', (l) => seen.push(l));
    lines.push('d\n', (l) => seen.push(l));
    lines.push('e', (l) => seen.push(l));
    lines.end((l) => seen.push(l));
    expect(seen).toEqual(['a', '[Parsed_showinfo_0 @ 0x1] n:   0 pts: 1 ', 'b', 'cd', 'e']);
    expect(lines.tail).toBe('cd\ne');
  });
});

describe('StderrLines damage flags', () => {
  it('flags a truncated file and counts decode errors', () => {
    const lines = new StderrLines();
    lines.push(
      '[h264 @ 0x1] error while decoding MB 3 4, bytestream -5\n[h264 @ 0x1] concealing 12 DC errors\n',
      () => {},
    );
    expect(lines.truncated).toBe(false);
    expect(lines.decodeErrors).toBe(2);
    lines.push('[mov,mp4 @ 0x1] stream 0, offset 0x2ded27: partial file\n', () => {});
    expect(lines.truncated).toBe(true);
  });
});

describe('failureFromExit', () => {
  it.each([
    ['/x.mp4: No such file or directory', 'not-found'],
    ['/x.mp4: Permission denied', 'unreadable'],
    ["Stream map '0:v:0' matches no streams.", 'no-video-stream'],
    ['[mov,mp4 @ 0x1] moov atom not found\n/x.mp4: Invalid data found when processing input', 'corrupt-media'],
    ["[AVFilterGraph @ 0x1] No such filter: 'scal'", 'internal'],
    ['Error while decoding stream #0:0: Invalid data', 'corrupt-media'],
  ])('%s → %s', (tail, kind) => {
    const failure = failureFromExit(1, null, tail, '/x.mp4');
    expect(failure.kind).toBe(kind);
    expect(failure.detail).toBe(tail);
  });

  it('names the signal when ffmpeg was killed', () => {
    expect(failureFromExit(null, 'SIGSEGV', 'boom', '/x.mp4').message).toMatch(/SIGSEGV/);
  });
});
