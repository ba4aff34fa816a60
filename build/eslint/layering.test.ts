import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'rinkside/layering').map((m) => m.message);
}

describe('layering rule (DESIGN.md arrows), as the real ESLint config runs it', () => {
  it('fails an engine file that imports electron', async () => {
    const errors = await layeringErrors(
      'electron/engine/handlers/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
    );
    expect(errors).toEqual(["Layering: 'engine' may not import 'electron'."]);
  });

  it('fails the renderer importing the engine, and a Node built-in', async () => {
    const errors = await layeringErrors(
      'renderer/src/x.ts',
      "import { openDatabase } from '../../electron/engine/store/db.ts';\nimport fs from 'node:fs';\nexport const a = [openDatabase, fs];\n",
    );
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/'renderer' may not import from 'engine'/);
    expect(errors[1]).toMatch(/'renderer' may not import 'node:fs'/);
  });

  it('fails the engine importing the shell, and the contract importing anything but zod', async () => {
    expect(
      await layeringErrors('electron/engine/x.ts', "import { a } from '../main/window.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors('electron/contract/x.ts', "import { a } from '../engine/log.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });

  it('allows the arrows DESIGN.md draws', async () => {
    expect(
      await layeringErrors(
        'electron/host/x.ts',
        "import { a } from '../engine/log.ts';\nimport { b } from '../contract/index.ts';\nexport const c = [a, b];\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'renderer/src/x.ts',
        "import { b } from '../../electron/contract/index.ts';\nexport const c = b;\n",
      ),
    ).toEqual([]);
  });
});
