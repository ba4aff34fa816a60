// The import map Deno (and Supabase Edge) loads the gateway with must name the versions the
// tests ran: the same pins as package.json, every package the gateway imports, and no jsr: or URL
// import (nothing can be fetched where it is tested).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const imports = (JSON.parse(readFileSync(path.join(here, 'deno.json'), 'utf8')) as { imports: Record<string, string> })
  .imports;
const pkg = JSON.parse(readFileSync(path.join(here, '..', 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function bareImportsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/from '([^'.][^']*)'/g)].map((match) => match[1]!);
}

describe('gateway/deno.json', () => {
  it('pins every package at package.json’s exact version, as npm: specifiers', () => {
    for (const [name, specifier] of Object.entries(imports)) {
      expect(specifier).toBe(`npm:${name}@${pkg.dependencies[name]}`);
    }
  });

  it('maps every package the gateway and the contract it uses import', () => {
    const files = [
      ...readdirSync(here)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => path.join(here, f)),
      path.join(here, '..', 'electron', 'contract', 'gateway.ts'),
    ];
    const packages = new Set(
      files
        .flatMap(bareImportsOf)
        .filter((spec) => !spec.startsWith('node:'))
        .map((spec) =>
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        ),
    );
    expect([...packages].sort()).toEqual(Object.keys(imports).sort());
  });
});
