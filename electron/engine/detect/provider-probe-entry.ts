/**
 * The provider probe process (providers.ts): creates one ORT session on one execution provider
 * and says on stdout whether it worked. Its stderr — what the native library printed while it
 * tried — is what the probe is for. Parameters come in the environment (no quoting to get wrong).
 */
import * as ort from 'onnxruntime-node';

const model = process.env['RINKSIDE_PROBE_MODEL'] ?? '';
const options = JSON.parse(process.env['RINKSIDE_PROBE_OPTS'] ?? '{}') as ort.InferenceSession.SessionOptions;

function report(result: { ok: boolean; error?: string }, code: number): void {
  // Exit only once the line is out: a utility process would otherwise stay up on its parent port.
  process.stdout.write(JSON.stringify(result), () => process.exit(code));
}

ort.InferenceSession.create(model, options).then(
  async (session) => {
    await session.release();
    report({ ok: true }, 0);
  },
  (error: unknown) => report({ ok: false, error: String((error as Error)?.message ?? error) }, 3),
);
