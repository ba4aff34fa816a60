/**
 * Made-up Sportscode timelines for the import benchmark and the reader's limit tests: any number
 * of instances, flat (labels side by side, as real files are) or deep (the same number of elements
 * nested inside each other). Deterministic: the same options give the same text.
 */
export interface SyntheticTimelineOptions {
  instances: number;
  /** Labels per instance (a group and a text each). */
  labels?: number;
  /** Extra elements per instance: side by side ('flat') or each inside the one before ('deep'). */
  extra?: { count: number; layout: 'flat' | 'deep' };
  /** Distinct codes the instances cycle through. */
  codes?: number;
}

export function syntheticTimeline(o: SyntheticTimelineOptions): string {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<file>\n  <ALL_INSTANCES>\n'];
  const codes = o.codes ?? 8;
  const extra = o.extra ?? { count: 0, layout: 'flat' };
  const extraXml =
    extra.layout === 'flat'
      ? '<x>1</x>'.repeat(extra.count)
      : `${'<x>'.repeat(extra.count)}1${'</x>'.repeat(extra.count)}`;
  for (let k = 0; k < o.instances; k++) {
    const start = (k * 1.5).toFixed(3);
    const end = (k * 1.5 + 1.25).toFixed(3);
    let labels = '';
    for (let l = 0; l < (o.labels ?? 0); l++) labels += `<label><group>G${l}</group><text>t${k % 97}</text></label>`;
    parts.push(
      `    <instance><ID>${k + 1}</ID><start>${start}</start><end>${end}</end><code>Code ${k % codes}</code>${labels}${extraXml}</instance>\n`,
    );
  }
  parts.push('  </ALL_INSTANCES>\n</file>\n');
  return parts.join('');
}
