import { describe, expect, it } from 'vitest';
import { ruleErrors } from './rule-errors.test-helper.ts';

const layeringErrors = (file: string, code: string): Promise<string[]> => ruleErrors('rinkside/layering', file, code);

describe('layering rule (the arrows of docs/architecture.md), as the real ESLint config runs it', () => {
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

  it('fails the renderer importing a Node built-in without the node: prefix', async () => {
    const errors = await layeringErrors(
      'renderer/src/x.ts',
      "import fs from 'fs';\nimport { readFile } from 'fs/promises';\nimport path from 'path';\n" +
        "import { spawn } from 'child_process';\nexport const a = [fs, readFile, path, spawn];\n",
    );
    expect(errors).toEqual([
      "Layering: 'renderer' may not import 'fs'.",
      "Layering: 'renderer' may not import 'fs/promises'.",
      "Layering: 'renderer' may not import 'path'.",
      "Layering: 'renderer' may not import 'child_process'.",
    ]);
  });

  it('fails the engine importing the UI state library or React, which the headless engine cannot use', async () => {
    const errors = await layeringErrors(
      'electron/engine/jobs/x.ts',
      "import { create } from 'zustand';\nimport { persist } from 'zustand/middleware';\n" +
        "import { useState } from 'react';\nexport const a = [create, persist, useState];\n",
    );
    expect(errors).toEqual([
      "Layering: 'engine' may not import 'zustand'.",
      "Layering: 'engine' may not import 'zustand/middleware'.",
      "Layering: 'engine' may not import 'react'.",
    ]);
  });

  it('keeps the gateway to the contract and Deno-safe imports; only its Node entry may use node:http', async () => {
    expect(
      await layeringErrors(
        'gateway/handler.ts',
        "import { a } from '../electron/engine/store/db.ts';\nimport fs from 'node:fs';\nexport const b = [a, fs];\n",
      ),
    ).toEqual([
      "Layering: 'gateway' may not import from 'engine' (../electron/engine/store/db.ts). Allowed: contract.",
      "Layering: 'gateway' may not import 'node:fs'.",
    ]);
    expect(
      await layeringErrors(
        'gateway/node.ts',
        "import { createServer } from 'node:http';\nimport { objectKey } from '../electron/contract/gateway.ts';\nexport const a = [createServer, objectKey];\n",
      ),
    ).toEqual([]);
  });

  it('fails the engine importing the shell, and the contract importing anything but zod', async () => {
    expect(
      await layeringErrors('electron/engine/x.ts', "import { a } from '../main/window.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
    expect(
      await layeringErrors('electron/contract/x.ts', "import { a } from '../engine/log.ts';\nexport const b = a;\n"),
    ).toHaveLength(1);
  });

  it('allows the arrows docs/architecture.md draws', async () => {
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
    // Each layer keeps its own libraries: the renderer its UI ones, the engine Node's built-ins.
    expect(
      await layeringErrors(
        'renderer/src/x.ts',
        "import { create } from 'zustand';\nimport { useState } from 'react';\nexport const c = [create, useState];\n",
      ),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'electron/engine/x.ts',
        "import fs from 'node:fs';\nimport path from 'path';\nexport const c = [fs, path];\n",
      ),
    ).toEqual([]);
  });
});
