import { useState, type FormEvent } from 'react';
import type { ModelInfo } from '../../../electron/contract/index.ts';
import { TID } from '../testids.ts';
import { DEFAULT_FORM, formToOptions, type AnalysisForm as Form, type AnalysisOptionsInput } from './options.ts';

interface Props {
  models: ModelInfo[];
  disabled: boolean;
  onStart: (options: AnalysisOptionsInput) => Promise<boolean>;
}

const PROVIDERS: { value: Form['ep']; label: string }[] = [
  { value: 'auto', label: 'Auto (best available)' },
  { value: 'cpu', label: 'CPU' },
  { value: 'cuda', label: 'CUDA (NVIDIA)' },
  { value: 'dml', label: 'DirectML (Windows)' },
  { value: 'coreml', label: 'Core ML (macOS)' },
];

/** What to analyse with; the defaults analyse every frame on the best provider found. */
export function AnalysisForm({ models, disabled, onStart }: Props) {
  const [form, setForm] = useState<Form>(DEFAULT_FORM);
  const [problem, setProblem] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const patch = (change: Partial<Form>) => setForm((f) => ({ ...f, ...change }));
  const model = models.find((m) => m.sha256 === form.modelId) ?? models.find((m) => m.isDefault) ?? models[0];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = formToOptions(form, model?.roleClasses ?? []);
    if (!checked.ok) return setProblem(checked.reason);
    setProblem(null);
    void onStart(checked.options);
  };

  return (
    <form className="analysis-form" onSubmit={submit} aria-label="Analyse this video">
      <div className="analysis-form__row">
        <label>
          Model
          <select value={form.modelId} onChange={(e) => patch({ modelId: e.target.value })}>
            <option value="">{models.find((m) => m.isDefault)?.name ?? 'Default model'}</option>
            {models
              .filter((m) => !m.isDefault)
              .map((m) => (
                <option key={m.sha256} value={m.sha256}>
                  {m.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Provider
          <select value={form.ep} onChange={(e) => patch({ ep: e.target.value as Form['ep'] })}>
            {PROVIDERS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={disabled} data-testid={TID.analysisStart}>
          Analyse
        </button>
      </div>
      {model && model.roleClasses.length > 0 ? (
        <label className="check">
          <input
            type="checkbox"
            checked={form.allClasses}
            onChange={(e) => patch({ allClasses: e.target.checked })}
            data-testid={TID.analysisAllClasses}
          />
          {form.allClasses
            ? `all ${model.classes.length} classes`
            : `${model.roleClasses.join(', ')} only (tick for all ${model.classes.length} classes)`}
        </label>
      ) : null}
      <button type="button" className="link" aria-expanded={more} onClick={() => setMore(!more)}>
        {more ? 'Fewer options' : 'More options'}
      </button>
      {more ? (
        <div className="analysis-form__grid">
          <label>
            Threads
            <input inputMode="numeric" value={form.threads} onChange={(e) => patch({ threads: e.target.value })} />
          </label>
          <label>
            Frames
            <select value={form.rate} onChange={(e) => patch({ rate: e.target.value as Form['rate'] })}>
              <option value="every">every frame</option>
              <option value="stride">every Nth frame</option>
              <option value="fps">target frames/s</option>
            </select>
          </label>
          {form.rate !== 'every' ? (
            <label>
              {form.rate === 'stride' ? 'N' : 'Frames/s'}
              <input
                inputMode="decimal"
                value={form.rateValue}
                onChange={(e) => patch({ rateValue: e.target.value })}
              />
            </label>
          ) : null}
          <label>
            Min score
            <input inputMode="decimal" value={form.score} onChange={(e) => patch({ score: e.target.value })} />
          </label>
          <label>
            NMS IoU
            <input inputMode="decimal" value={form.nms} onChange={(e) => patch({ nms: e.target.value })} />
          </label>
          <label className="analysis-form__classes">
            Classes (comma-separated; empty for the default above)
            <input
              list="analysis-classes"
              value={form.classes}
              placeholder="person, sports ball"
              onChange={(e) => patch({ classes: e.target.value })}
            />
            <datalist id="analysis-classes">
              {(model?.classes ?? []).map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </label>
        </div>
      ) : null}
      {problem ? (
        <p className="analysis-form__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
