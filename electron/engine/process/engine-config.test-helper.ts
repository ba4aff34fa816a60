import { sourceModelsDir } from '../detect/model-catalog.ts';
import type { EngineConfig } from './protocol.ts';

/** What the tests start an engine with: a library in dataDir, tools found as the app finds them. */
export function testEngineConfig(dataDir: string): EngineConfig {
  return {
    dataDir,
    appVersion: 'test',
    ffmpegPath: null,
    ffprobePath: null,
    nativeDialogs: false,
    modelsDir: sourceModelsDir,
  };
}
