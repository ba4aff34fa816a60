// The layering rule (docs/architecture.md): which folder may import which. Modelled on the idea of
// VS Code's code-layering rule, written for our folders. Relative imports are resolved against the
// importing file; bare imports are checked against per-layer bans (e.g. 'electron' outside main/preload).
import { isBuiltin } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** layer → layers it may import (itself always allowed). */
export const ARROWS = {
  contract: [],
  engine: ['contract'],
  main: ['engine', 'contract'],
  preload: ['contract'],
  host: ['engine', 'contract'],
  cli: ['engine', 'contract'],
  renderer: ['contract'],
  worker: ['engine', 'contract'],
  gateway: ['contract'],
};

/** A package or one of its subpaths ('zustand', 'zustand/middleware'). */
const isPackage = (spec, name) => spec === name || spec.startsWith(`${name}/`);

/**
 * Node's own modules, with or without the `node:` prefix ('fs', 'fs/promises', 'node:path'): a bare
 * 'path' resolves to the built-in exactly as 'node:path' does, so banning only the prefix lets it in.
 */
const isNodeBuiltin = (spec) => spec.startsWith('node:') || isBuiltin(spec);

/** The UI's libraries: the engine also runs headless (CLI, RunPod worker), where none of them belongs. */
const isUiLibrary = (spec) => ['react', 'react-dom', 'zustand'].some((name) => isPackage(spec, name));

/** Bare module bans per layer. */
const BANNED_BARE = {
  contract: (spec) => !isPackage(spec, 'zod'),
  engine: (spec) => isPackage(spec, 'electron') || isUiLibrary(spec),
  renderer: (spec) => isPackage(spec, 'electron') || isNodeBuiltin(spec) || spec === 'onnxruntime-node',
  gateway: (spec) => isNodeBuiltin(spec) || spec === 'onnxruntime-node' || isPackage(spec, 'electron'),
  host: (spec) => spec === 'electron',
  cli: (spec) => spec === 'electron',
  worker: (spec) => spec === 'electron',
};

/**
 * The gateway runs on Deno, so it may not use Node's modules; its one Node entry point is the
 * exception that proves it: the node:http adapter that serves the same handler under Node.
 */
const GATEWAY_NODE_ENTRY = path.join(ROOT, 'gateway', 'node.ts');
const mayUseNode = (file, spec) => path.resolve(file) === GATEWAY_NODE_ENTRY && isNodeBuiltin(spec);

export function layerOf(file) {
  const rel = path.relative(ROOT, path.resolve(file)).split(path.sep);
  if (rel[0] === 'electron' && rel[1] && rel[1] in ARROWS) return rel[1];
  if (rel[0] === 'renderer' || rel[0] === 'worker' || rel[0] === 'gateway') return rel[0];
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder layering of docs/architecture.md' },
    schema: [],
    messages: {
      arrow: "Layering: '{{from}}' may not import from '{{to}}' ({{spec}}). Allowed: {{allowed}}.",
      bare: "Layering: '{{from}}' may not import '{{spec}}'.",
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = layerOf(path.resolve(path.dirname(file), spec));
        if (target && target !== from && !ARROWS[from].includes(target)) {
          context.report({
            node,
            messageId: 'arrow',
            data: { from, to: target, spec, allowed: ARROWS[from].join(', ') || 'nothing' },
          });
        }
        return;
      }
      // Tests may use their tools (vitest, fast-check); the relative arrows still bind them.
      if (/\.test\.tsx?$/.test(file)) return;
      const banned = BANNED_BARE[from];
      if (banned && banned(spec) && !mayUseNode(file, spec)) {
        context.report({ node, messageId: 'bare', data: { from, spec } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { layering: rule } };
