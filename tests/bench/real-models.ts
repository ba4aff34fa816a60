/**
 * The real detectors that may not be committed (YOLOv8n int8 is AGPL-3.0; the NanoDet export names
 * no licence), run through Rinkside's own path on the fixture photos. The unit tests use generated
 * stand-ins in the same layouts (docs/test-models.md); this checks the real files still behave:
 *
 *   node tests/bench/real-models.ts [--models ../shared/models] [--runs 20]
 *
 * YOLOv8n: inferred ultralytics manifest with its names from the metadata; at score 0.3 / NMS 0.45
 * at least two persons per photo, every box inside the frame and wider than 10 px; median detect()
 * latency over --runs. NanoDet: refused as a layout Rinkside does not know. One JSON line per
 * check; exit 1 when a check fails, 2 when a model file is missing.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppFailure } from '../../electron/contract/errors.ts';
import { letterboxedImage } from '../../electron/engine/detect/ffmpeg.test-helper.ts';
import { loadModel } from '../../electron/engine/detect/load-model.ts';
import { parseClassNames } from '../../electron/engine/detect/onnx-metadata.ts';
import { FIXTURE_IMAGES, REPO_ROOT } from '../../electron/engine/detect/paths.test-helper.ts';
import { createDetector } from '../../electron/engine/detect/detector.test-helper.ts';
import { silentLogger } from '../../electron/engine/log.ts';

const { values } = parseArgs({
  options: {
    models: { type: 'string', default: resolve(REPO_ROOT, '../shared/models') },
    runs: { type: 'string', default: '20' },
  },
});
const modelsDir = resolve(values.models);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${values.runs}`);
const yolov8 = join(modelsDir, 'yolov8n_int8_640_coco.onnx');
const nanodet = join(modelsDir, 'nanodet_m_320_coco.onnx');
for (const file of [yolov8, nanodet]) {
  if (!existsSync(file)) {
    console.error(`real-models: ${file} not found (pass --models DIR)`);
    process.exit(2);
  }
}

let failed = 0;
function report(check: string, ok: boolean, fields: Record<string, unknown>): void {
  if (!ok) failed++;
  console.log(JSON.stringify({ check, ok, ...fields }));
}

const model = await loadModel(yolov8);
const fromMeta = parseClassNames(model.metadata.props['names'] ?? '');
const classesFromMetadata = fromMeta !== null && fromMeta.join('\n') === model.manifest.classes.join('\n');
const { classes } = model.manifest;
report(
  'yolov8n manifest',
  model.manifestSource === 'inferred' &&
    model.manifest.layout === 'ultralytics' &&
    classesFromMetadata &&
    classes[0] === 'person' &&
    classes[32] === 'sports ball' &&
    /AGPL/.test(model.manifest.licence),
  { layout: model.manifest.layout, source: model.manifestSource, classesFromMetadata, licence: model.manifest.licence },
);

const detector = await createDetector({ model: yolov8, ep: 'cpu', threads: 1, log: silentLogger });
try {
  for (const image of ['messi5.jpg', 'basketball1.png']) {
    const { frame, geometry } = letterboxedImage(join(FIXTURE_IMAGES, image), detector.manifest);
    const opts = { score: 0.3, nms: 0.45 };
    const boxes = await detector.detect(frame, geometry, opts);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await detector.detect(frame, geometry, opts);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const persons = boxes.filter((b) => detector.manifest.classes[b.classId] === 'person').length;
    const inside = boxes.every(
      (b) => b.x1 >= 0 && b.y1 >= 0 && b.x2 <= geometry.srcW && b.y2 <= geometry.srcH && b.x2 - b.x1 > 10,
    );
    report(`yolov8n ${image}`, persons >= 2 && inside, {
      persons,
      boxes: boxes.length,
      insideFrame: inside,
      detectMedianMs: Number((times[times.length >> 1] as number).toFixed(2)),
      runs,
    });
  }
} finally {
  await detector.release();
}

try {
  await loadModel(nanodet);
  report('nanodet refused', false, { error: 'loaded, but its six-output layout should be refused' });
} catch (error) {
  const ok =
    error instanceof AppFailure && error.kind === 'model-error' && /not a layout Rinkside knows/.test(error.message);
  report('nanodet refused', ok, { error: error instanceof Error ? error.message : String(error) });
}

process.exit(failed > 0 ? 1 : 0);
