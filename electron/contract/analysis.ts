import { z } from 'zod';
import type { Id } from './domain.ts';

export const ExecutionProvider = z.enum(['auto', 'cpu', 'cuda', 'dml', 'coreml']);
export type ExecutionProvider = z.infer<typeof ExecutionProvider>;

/** What the analyst chooses before "Analyze"; stride XOR target fps. */
export const AnalysisOptions = z
  .object({
    /** A model id from models.list; the default model when absent. */
    modelId: z.string().min(1).max(200).optional(),
    ep: ExecutionProvider.default('auto'),
    threads: z.number().int().min(1).max(64).default(1),
    stride: z.number().int().min(1).max(1000).optional(),
    targetFps: z.number().positive().max(240).optional(),
    score: z.number().min(0).max(1).default(0.3),
    nms: z.number().min(0).max(1).default(0.45),
    /** Class names to keep; all classes when absent. */
    classes: z.array(z.string().min(1).max(100)).max(1000).optional(),
  })
  .strict()
  .refine((o) => !(o.stride !== undefined && o.targetFps !== undefined), {
    message: 'Choose a frame stride or a target analysis rate, not both',
  });
export type AnalysisOptions = z.infer<typeof AnalysisOptions>;

export type AnalysisStatus = 'queued' | 'running' | 'paused' | 'cancelled' | 'failed' | 'done';

export interface ProviderAttempt {
  ep: string;
  ok: boolean;
  skipped?: boolean;
  error?: string;
  nativeStderr?: string;
}

export interface AnalysisRun {
  id: Id;
  videoId: Id;
  modelName: string;
  modelSha256: string;
  options: AnalysisOptions;
  /** The execution provider that actually ran, once known. */
  provider: string | null;
  providerAttempts: ProviderAttempt[];
  /** Hardware video decoding: which one ran, or why none did (each candidate with its reason). */
  hwDecode?: { used: string | null; tried: { name: string; ok: boolean; reason: string }[] } | null;
  status: AnalysisStatus;
  framesDone: number;
  framesTotal: number;
  error: { kind: string; message: string; detail?: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ModelInfo {
  id: string;
  name: string;
  path: string;
  sha256: string;
  input: [number, number];
  layout: string;
  classes: string[];
  /** Classes the manifest gives a hockey role (COCO: person, sports ball): analysed unless all are asked for. */
  roleClasses: string[];
  isDefault: boolean;
  licence: string | null;
}

export interface TrackSummary {
  runId: Id;
  trackId: number;
  classId: number;
  firstFrame: number;
  lastFrame: number;
  firstPts: number;
  lastPts: number;
  boxCount: number;
  meanScore: number;
}
