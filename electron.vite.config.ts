import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// node:sqlite is new enough that bundlers can mistake it for a browser external: name it
// explicitly. onnxruntime-node is a native addon loaded at run time.
const nodeExternals = ['node:sqlite', 'onnxruntime-node', 'ffmpeg-static', '@ffprobe-installer/ffprobe'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          // The engine, analysis jobs and provider probes run in their own processes (utilityProcess.fork).
          engine: resolve('electron/engine/process/engine-entry.ts'),
          'analysis-job': resolve('electron/engine/analysis/job-entry.ts'),
          // The analysis job's inference thread (worker_threads), where its ORT session lives.
          'inference-worker': resolve('electron/engine/detect/inference-worker.ts'),
          // The thread that parses Sportscode files off the engine's command loop.
          'sportscode-worker': resolve('electron/engine/export/sportscode-worker.ts'),
          // The GPU provider probe: a short-lived process whose native stderr says why a provider fails.
          'provider-probe': resolve('electron/engine/detect/provider-probe-entry.ts'),
        },
        external: nodeExternals,
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload cannot require() files: emit one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
