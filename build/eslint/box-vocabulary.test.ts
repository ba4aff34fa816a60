import { describe, expect, it } from 'vitest';
import { ruleErrors } from './rule-errors.test-helper.ts';

const boxErrors = (file: string, code: string): Promise<string[]> => ruleErrors('rinkside/box-vocabulary', file, code);

describe('box vocabulary rule, as the real ESLint config runs it', () => {
  it('fails a box interface declared in the engine', async () => {
    const errors = await boxErrors(
      'electron/engine/track/x.ts',
      'export interface Box {\n  x1: number;\n  y1: number;\n  x2: number;\n  y2: number;\n  score: number;\n}\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/electron\/contract\/detection\.ts/);
  });

  it('fails a box type alias in the renderer and an inline box type in a test', async () => {
    expect(
      await boxErrors(
        'renderer/src/overlay/x.ts',
        'export type Box = { x1: number; y1: number; x2: number; y2: number };\n',
      ),
    ).toHaveLength(1);
    expect(
      await boxErrors(
        'tests/e2e/x.spec.ts',
        'export function area(b: { x1: number; y1: number; x2: number; y2: number }): number {\n  return (b.x2 - b.x1) * (b.y2 - b.y1);\n}\n',
      ),
    ).toHaveLength(1);
  });

  it('allows box types in the contract, and types that are not boxes elsewhere', async () => {
    expect(
      await boxErrors(
        'electron/contract/x.ts',
        'export interface Rect2 {\n  x1: number;\n  y1: number;\n  x2: number;\n  y2: number;\n}\n',
      ),
    ).toEqual([]);
    expect(
      await boxErrors(
        'electron/engine/export/x.ts',
        "import type { Rect } from '../../contract/detection.ts';\nexport interface Span {\n  x0: number;\n  x1: number;\n  y1: number;\n}\nexport interface Labelled extends Rect {\n  label: string;\n}\n",
      ),
    ).toEqual([]);
  });
});
