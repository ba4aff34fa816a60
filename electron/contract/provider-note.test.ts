import { describe, expect, it } from 'vitest';
import type { ProviderAttempt } from './analysis.ts';
import { CPU_ONLY_NOTE, cpuOnlyNote, providerNativeText } from './provider-note.ts';

const noCuda: ProviderAttempt = {
  ep: 'cuda',
  ok: false,
  error: 'libcudart.so.12: cannot open shared object file',
  nativeStderr: '[E:onnxruntime] Failed to load library libonnxruntime_providers_cuda.so',
};
const noDml: ProviderAttempt = { ep: 'dml', ok: false, skipped: true };
const cpu: ProviderAttempt = { ep: 'cpu', ok: true };

describe('cpuOnlyNote', () => {
  it('is calm when an automatic run found no GPU provider that loads', () => {
    expect(cpuOnlyNote('auto', 'cpu', [noCuda, noDml, cpu])).toBe(CPU_ONLY_NOTE);
  });

  it('says nothing when CPU was asked for, or a GPU ran', () => {
    expect(cpuOnlyNote('cpu', 'cpu', [cpu])).toBeNull();
    expect(cpuOnlyNote('auto', 'cuda', [{ ep: 'cuda', ok: true }])).toBeNull();
    expect(cpuOnlyNote('auto', null, [noCuda])).toBeNull();
  });

  it('is no note for a provider asked for by name: that failure stays an error', () => {
    expect(cpuOnlyNote('cuda', 'cpu', [noCuda, cpu])).toBeNull();
  });

  it('keeps the native text for whoever asks', () => {
    const text = providerNativeText([noCuda, noDml, cpu]);
    expect(text).toContain('libcudart.so.12');
    expect(text).toContain('Failed to load library libonnxruntime_providers_cuda.so');
    expect(text).toContain('dml: not available on this platform');
    expect(text).not.toContain('cpu:');
  });
});
