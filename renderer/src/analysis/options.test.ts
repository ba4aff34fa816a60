import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, formToOptions } from './options.ts';

describe('formToOptions', () => {
  it('turns the default form into options for every frame', () => {
    expect(formToOptions(DEFAULT_FORM)).toEqual({
      ok: true,
      options: { ep: 'auto', threads: 2, score: 0.3, nms: 0.45 },
    });
  });
  it('takes a stride or a target rate, the model and the classes', () => {
    expect(
      formToOptions({
        ...DEFAULT_FORM,
        modelId: 'm',
        rate: 'stride',
        rateValue: '3',
        classes: 'person, sports ball ,',
      }),
    ).toEqual({
      ok: true,
      options: {
        ep: 'auto',
        threads: 2,
        score: 0.3,
        nms: 0.45,
        modelId: 'm',
        stride: 3,
        classes: ['person', 'sports ball'],
      },
    });
    expect(
      formToOptions({
        ...DEFAULT_FORM,
        ep: 'cpu',
        rate: 'fps',
        rateValue: '7.5',
      }),
    ).toMatchObject({ ok: true, options: { ep: 'cpu', targetFps: 7.5 } });
  });
  it('says what is wrong', () => {
    expect(formToOptions({ ...DEFAULT_FORM, threads: '0' })).toMatchObject({
      ok: false,
      reason: /Threads/,
    });
    expect(formToOptions({ ...DEFAULT_FORM, score: '2' })).toMatchObject({
      ok: false,
      reason: /Score/,
    });
    expect(formToOptions({ ...DEFAULT_FORM, nms: '' })).toMatchObject({
      ok: false,
      reason: /NMS/,
    });
    expect(formToOptions({ ...DEFAULT_FORM, rate: 'stride', rateValue: '1.5' })).toMatchObject({
      ok: false,
      reason: /Stride/,
    });
    expect(formToOptions({ ...DEFAULT_FORM, rate: 'fps', rateValue: '0' })).toMatchObject({
      ok: false,
      reason: /rate/,
    });
  });
});

describe('default classes', () => {
  const roles = ['person', 'sports ball'];

  it("analyses the model's role classes unless all are asked for", () => {
    expect(formToOptions(DEFAULT_FORM, roles)).toMatchObject({ ok: true, options: { classes: roles } });
    const all = formToOptions({ ...DEFAULT_FORM, allClasses: true }, roles);
    expect(all.ok && all.options.classes).toBeUndefined();
  });

  it('typed classes win; a model without roles analyses all its classes', () => {
    expect(formToOptions({ ...DEFAULT_FORM, classes: 'car, truck' }, roles)).toMatchObject({
      options: { classes: ['car', 'truck'] },
    });
    const noRoles = formToOptions(DEFAULT_FORM, []);
    expect(noRoles.ok && noRoles.options.classes).toBeUndefined();
  });
});
