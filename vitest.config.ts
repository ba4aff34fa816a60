import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'tests/unit/**/*.test.ts',
      'tests/cloud/**/*.test.ts',
      'build/**/*.test.ts',
      'gateway/**/*.test.ts',
    ],
    // Real ffmpeg and onnxruntime on 2 cores: generous per-test time, files in parallel on 2 workers.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
