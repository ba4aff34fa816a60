import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelInfo } from '../../contract/analysis.ts';
import { AppFailure } from '../../contract/errors.ts';
import { loadModel, type LoadedModel } from './load-model.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import type { StoreContext } from '../store/games.ts';

export const DEFAULT_MODEL_FILE = 'yolox_nano_416_coco.onnx';

/** models/ of a source checkout (plain Node: CLI, browser host, tests). */
export const sourceModelsDir = fileURLToPath(new URL('../../../models/', import.meta.url));

/** The bundled default model plus any compatible ONNX models the analyst added (paths in settings). */
export function createModelCatalog(store: StoreContext, modelsDir: string) {
  const loaded = new Map<string, Promise<LoadedModel>>();
  const defaultPath = join(modelsDir, DEFAULT_MODEL_FILE);
  const load = (path: string) => {
    let model = loaded.get(path);
    if (!model) {
      model = loadModel(path);
      loaded.set(path, model);
      model.catch(() => loaded.delete(path));
    }
    return model;
  };
  const userPaths = (): string[] => JSON.parse(getSetting(store.db, 'user_models') ?? '[]') as string[];
  const info = (model: LoadedModel, isDefault: boolean): ModelInfo => ({
    id: model.sha256,
    name: model.manifest.name,
    path: model.path,
    sha256: model.sha256,
    input: [model.manifest.input.width, model.manifest.input.height],
    layout: model.manifest.layout,
    classes: model.manifest.classes,
    roleClasses: model.manifest.classes.filter((name) => Object.hasOwn(model.manifest.roles, name)),
    isDefault,
    licence: model.manifest.licence,
  });

  return {
    defaultPath,
    async list(): Promise<ModelInfo[]> {
      const out = [info(await load(defaultPath), true)];
      for (const path of userPaths()) {
        // A model file the analyst later moved or deleted is left out, not fatal for the list.
        const model = await load(path).catch(() => null);
        if (model) out.push(info(model, false));
      }
      return out;
    },
    /** Loads and checks the file first: an incompatible model is refused with the reason. */
    async add(path: string): Promise<ModelInfo> {
      const model = await load(path);
      const paths = userPaths();
      if (!paths.includes(model.path)) setSetting(store.db, 'user_models', JSON.stringify([...paths, model.path]));
      return info(model, false);
    },
    /** The model for an id from list(), or the default when no id is given. */
    async resolve(modelId: string | undefined): Promise<LoadedModel> {
      if (!modelId) return load(defaultPath);
      for (const path of [defaultPath, ...userPaths()]) {
        const model = await load(path).catch(() => null);
        if (model?.sha256 === modelId) return model;
      }
      throw new AppFailure('not-found', 'That model is no longer available. Choose another model.');
    },
  };
}
