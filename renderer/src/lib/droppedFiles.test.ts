import { describe, expect, it } from 'vitest';
import { droppedPaths } from './droppedFiles.ts';

describe('droppedPaths', () => {
  it('imports every dropped file the shell gives a path for', () => {
    const files = [{ name: 'p1.mp4' }, { name: 'p2.mp4' }];
    expect(droppedPaths(files, (f) => `/games/${f.name}`)).toEqual({
      paths: ['/games/p1.mp4', '/games/p2.mp4'],
      withoutPath: [],
    });
  });

  it('names the files without a path, so the analyst can type theirs', () => {
    const files = [{ name: 'p1.mp4' }, { name: 'from-zip.mp4' }];
    expect(droppedPaths(files, (f) => (f.name === 'p1.mp4' ? '/games/p1.mp4' : ''))).toEqual({
      paths: ['/games/p1.mp4'],
      withoutPath: ['from-zip.mp4'],
    });
    expect(droppedPaths(files, null)).toEqual({ paths: [], withoutPath: ['p1.mp4', 'from-zip.mp4'] });
  });
});
