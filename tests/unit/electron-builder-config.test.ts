import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './cli.test-helper.ts';

// electron-builder reads its YAML config with js-yaml; so does this test.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  asar?: boolean;
  electronFuses?: Record<string, unknown>;
};
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, { type: string }>; additionalProperties: boolean } };
};

describe('electron-builder.yml: the packaged binary', () => {
  it('is built by electron-builder 26, whose schema has the electronFuses options used here', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies['electron-builder']).toMatch(/^26\./);
    expect(schema.properties).toHaveProperty('electronFuses');
    const known = schema.definitions.FuseOptionsV1.properties;
    for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
      expect(known, `unknown fuse option ${key}`).toHaveProperty(key);
      expect(typeof value, key).toBe(known[key]?.type);
    }
  });

  it('flips the fuses: no NODE_OPTIONS, no --inspect, no run-as-Node, asar integrity on, the app only from asar', () => {
    expect(config.asar).not.toBe(false);
    expect(config.electronFuses).toMatchObject({
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      runAsNode: false,
    });
  });

  it('turns RunAsNode off, and no code starts the Electron binary as Node', () => {
    expect(config.electronFuses?.runAsNode).toBe(false);
    // With the fuse off the variable is ignored: a process started with it would boot a second
    // app instead of running its script. Every source that runs in the app is checked.
    const name = ['ELECTRON', 'RUN', 'AS', 'NODE'].join('_');
    const sources = ['electron', 'bin', 'scripts']
      .flatMap((dir) => walk(join(root, dir)))
      .filter((file) => /\.(ts|mts|js|mjs|cjs|sh)$/.test(file) && !/\.test\.ts$/.test(file));
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.filter((file) => readFileSync(file, 'utf8').includes(name))).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
