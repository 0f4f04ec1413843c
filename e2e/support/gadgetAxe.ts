/** axe-core on the agent gadget's frame, as the gadget specs check it: no serious or critical violations. */
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { AgentDesktop } from './pages.ts';

export async function axe(desktop: AgentDesktop, state: string): Promise<void> {
  // Legacy mode injects axe into the gadget's frame before running: the per-frame mode gives the
  // injection one second, which a busy machine does not always meet (the frame is then not tested).
  const results = await new AxeBuilder({ page: desktop.page })
    .setLegacyMode()
    .include('[data-testid="desktop.gadget.chat"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.impact ?? '?'} ${v.id}: ${v.nodes.map((n) => n.target.join(' > ')).join(', ')}`,
  );
  if (summary.length > 0) console.log(`[axe] ${state}:\n  ${summary.join('\n  ')}`);
  // The check must have looked at the gadget, not at an empty frame.
  expect(results.passes.length, state).toBeGreaterThan(10);
  expect(
    results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
    state,
  ).toEqual([]);
}
