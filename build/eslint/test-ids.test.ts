import { describe, expect, it } from 'vitest';
import { ruleErrors } from './rule-errors.test-helper.ts';

const testIdErrors = (file: string, code: string): Promise<string[]> => ruleErrors('no-restricted-syntax', file, code);

const header = "import type { Page } from '@playwright/test';\nimport { TID } from '../../renderer/src/testids.ts';\n";
const message = 'Name the test id through TID (renderer/src/testids.ts), not a string literal.';

describe('e2e specs name test ids through TID, as the real ESLint config runs it', () => {
  it('fails a raw id in getByTestId and in a data-testid selector', async () => {
    const code = `${header}export const a = (page: Page) => [
  page.getByTestId('play-toggle'),
  page.getByTestId(\`play-toggle\`),
  page.locator('[data-testid="event-row"][data-code="shot"]'),
  page.locator(\`[data-testid="event-row"][data-code="\${TID.undo}"]\`),
];
`;
    expect(await testIdErrors('tests/e2e/x.spec.ts', code)).toEqual([message, message, message, message]);
    expect(await testIdErrors('tests/bench/x.spec.ts', code)).toHaveLength(4);
  });

  it('allows ids named through TID, and raw ids outside the e2e specs', async () => {
    const code = `${header}export const a = (page: Page, code: string) => [
  page.getByTestId(TID.playToggle),
  page.locator(\`[data-testid="\${TID.eventRow}"][data-code="\${code}"]\`),
  document.activeElement?.getAttribute('data-testid'),
];
`;
    expect(await testIdErrors('tests/e2e/x.spec.ts', code)).toEqual([]);
    expect(
      await testIdErrors(
        'renderer/src/x.ts',
        "export const a = (p: { getByTestId(id: string): void }) => p.getByTestId('x');\n",
      ),
    ).toEqual([]);
  });
});
