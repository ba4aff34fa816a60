import type { Page } from '@playwright/test';

/**
 * What a person would call a broken workspace, as text: the document scrolls, the page hides its
 * overflow to look tidy, or one of the named regions is not wholly on screen, is cut off by a
 * scrolling ancestor, or has content cut off inside it.
 */
export async function layoutProblems(page: Page, testIds: readonly string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const problems: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const doc = document.scrollingElement ?? document.documentElement;
    if (doc.scrollHeight > vh + 0.5) problems.push(`document scrolls vertically: ${doc.scrollHeight} > ${vh}`);
    if (doc.scrollWidth > vw + 0.5) problems.push(`document scrolls sideways: ${doc.scrollWidth} > ${vw}`);
    const clips = (style: CSSStyleDeclaration) =>
      [style.overflowX, style.overflowY].some((o) => o === 'hidden' || o === 'clip');
    for (const element of [document.documentElement, document.body, document.getElementById('root')]) {
      if (element && clips(getComputedStyle(element))) problems.push(`${element.tagName} hides its overflow`);
    }
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 0.5 &&
      inner.top >= outer.top - 0.5 &&
      inner.right <= outer.right + 0.5 &&
      inner.bottom <= outer.bottom + 0.5;
    const viewport = new DOMRect(0, 0, vw, vh);
    for (const id of ids) {
      const region = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      if (!region) {
        problems.push(`${id}: not on the page`);
        continue;
      }
      const rect = region.getBoundingClientRect();
      if (rect.width < 1 || rect.height < 1) problems.push(`${id}: has no size`);
      if (!inside(rect, viewport)) problems.push(`${id}: not wholly in the viewport (${JSON.stringify(rect)})`);
      for (let a = region.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
        if (!inside(rect, a.getBoundingClientRect())) problems.push(`${id}: cut off by ${a.className || a.tagName}`);
      }
      for (const element of [region, ...region.querySelectorAll<HTMLElement>('*')]) {
        const style = getComputedStyle(element);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const scrolls = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        if (
          scrolls &&
          (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1)
        ) {
          problems.push(
            `${id}: content cut off inside ${element.className || element.tagName} (${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight})`,
          );
        }
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.height > 0 && !inside(box, viewport)) {
          problems.push(`${id}: ${element.className || element.tagName} sticks out of the viewport`);
        }
      }
    }
    return problems;
  }, testIds);
}
