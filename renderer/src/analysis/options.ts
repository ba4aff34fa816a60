import type { CommandArgs } from '../../../electron/contract/index.ts';

export type AnalysisOptionsInput = CommandArgs<'analysis.start'>['options'];

/** The analysis form as typed: strings from inputs, turned into options on submit. */
export interface AnalysisForm {
  modelId: string;
  ep: 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml';
  threads: string;
  /** every: each frame; stride: every Nth frame; fps: a target analysis rate. */
  rate: 'every' | 'stride' | 'fps';
  rateValue: string;
  score: string;
  nms: string;
  /** Comma-separated class names; empty for the model's default (its role classes, or all). */
  classes: string;
  /** Every class of the model, not only those with a hockey role ("bicycle" boxes on the glass). */
  allClasses: boolean;
}

export const DEFAULT_FORM: AnalysisForm = {
  modelId: '',
  ep: 'auto',
  threads: '2',
  rate: 'every',
  rateValue: '',
  score: '0.3',
  nms: '0.45',
  classes: '',
  allClasses: false,
};

/** Options for analysis.start, or the first reason the form is not valid (shown next to it). */
export function formToOptions(
  form: AnalysisForm,
  roleClasses: readonly string[] = [],
): { ok: true; options: AnalysisOptionsInput } | { ok: false; reason: string } {
  const threads = Number(form.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    return { ok: false, reason: 'Threads: a whole number from 1 to 64.' };
  const score = Number(form.score);
  if (form.score.trim() === '' || !(score >= 0 && score <= 1))
    return { ok: false, reason: 'Score: a number from 0 to 1.' };
  const nms = Number(form.nms);
  if (form.nms.trim() === '' || !(nms >= 0 && nms <= 1)) return { ok: false, reason: 'NMS: a number from 0 to 1.' };
  const options: AnalysisOptionsInput = { ep: form.ep, threads, score, nms };
  if (form.modelId) options.modelId = form.modelId;
  if (form.rate !== 'every') {
    const value = Number(form.rateValue);
    if (form.rate === 'stride') {
      if (!Number.isInteger(value) || value < 1 || value > 1000)
        return {
          ok: false,
          reason: 'Stride: analyse every Nth frame, N from 1 to 1000.',
        };
      options.stride = value;
    } else {
      if (!(value > 0 && value <= 240))
        return {
          ok: false,
          reason: 'Target rate: frames per second, above 0 and at most 240.',
        };
      options.targetFps = value;
    }
  }
  const classes = form.classes
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (classes.length > 0) options.classes = classes;
  else if (!form.allClasses && roleClasses.length > 0) options.classes = [...roleClasses];
  return { ok: true, options };
}
