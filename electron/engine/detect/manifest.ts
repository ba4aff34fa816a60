import { z } from 'zod';
import { AppFailure } from '../../contract/errors.ts';

/**
 * A model manifest (models/NAME.json, documented in docs/model-manifest.md): everything the
 * pipeline must know about a detector that the ONNX file itself does not say reliably — colour
 * order, normalisation, letterbox placement, output layout, class names and their hockey roles.
 */
export const ColorOrder = z.enum(['bgr', 'rgb']);
export type ColorOrder = z.infer<typeof ColorOrder>;

const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);

/** Applied per channel after the frame is in `colorOrder`; mean/std are listed in that order too. */
export const Normalisation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('raw') }), // 0..255 as is (YOLOX >= 0.1.1)
  z.object({ kind: z.literal('scale'), scale: z.number().positive() }), // v * scale (1/255: ultralytics)
  z.object({
    kind: z.literal('meanStd'),
    mean: rgbTriple,
    std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  }), // (v - mean) / std (nanodet)
]);
export type Normalisation = z.infer<typeof Normalisation>;

export const LetterboxPlacement = z.enum(['top-left', 'center']);
export type LetterboxPlacement = z.infer<typeof LetterboxPlacement>;

/** Output layouts Rinkside can decode. New heads (e.g. nanodet) add a value and an adapter. */
export const OutputLayout = z.enum(['yolox-grid', 'ultralytics']);
export type OutputLayout = z.infer<typeof OutputLayout>;

export const Role = z.enum(['skater', 'puck', 'other']);
export type Role = z.infer<typeof Role>;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'lower-case hex sha256');

export const ModelManifest = z
  .object({
    name: z.string().min(1),
    /** The .onnx file, relative to the manifest. */
    file: z.string().min(1),
    sha256: sha256Hex,
    input: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
    colorOrder: ColorOrder,
    normalisation: Normalisation,
    letterbox: z.object({
      placement: LetterboxPlacement,
      /** Grey level of the padding, 0..255 in the same units as the raw frame. */
      padValue: z.number().int().min(0).max(255),
    }),
    layout: OutputLayout,
    classes: z.array(z.string()).min(1),
    /** Class name → role; classes not listed are 'other'. */
    roles: z.record(z.string(), Role),
    licence: z.string().min(1),
  })
  .superRefine((m, ctx) => {
    for (const name of Object.keys(m.roles)) {
      if (!m.classes.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['roles', name], message: `role for unknown class '${name}'` });
      }
    }
  });
export type ModelManifest = z.infer<typeof ModelManifest>;

/** The roles Rinkside gives COCO-style class names when a manifest does not say. */
export function defaultRoles(classes: readonly string[]): Record<string, Role> {
  const roles: Record<string, Role> = {};
  if (classes.includes('person')) roles['person'] = 'skater';
  if (classes.includes('sports ball')) roles['sports ball'] = 'puck';
  return roles;
}

export function roleOf(manifest: ModelManifest, classId: number): Role {
  const name = manifest.classes[classId];
  return (name !== undefined ? manifest.roles[name] : undefined) ?? 'other';
}

/**
 * Class names (as the analyst types them, e.g. `--classes person,sports ball`) → class ids for
 * DecodeOptions.classes. An unknown name is a user error, not an empty filter.
 */
export function classIdsFor(manifest: ModelManifest, names: readonly string[]): Set<number> {
  const ids = new Set<number>();
  for (const raw of names) {
    const name = raw.trim();
    const id = manifest.classes.indexOf(name);
    if (id < 0) {
      throw new AppFailure(
        'invalid-args',
        `The model ${manifest.name} has no class '${name}'`,
        `classes: ${manifest.classes.join(', ')}`,
      );
    }
    ids.add(id);
  }
  return ids;
}
