// The accessibility check the console's browser tests share: axe over the page as it stands,
// keeping the serious and critical violations (none are expected). The tests' browser asks for
// reduced motion, which sets antd's motion durations to 0 s, so no toast or dialog is caught
// half-transparent by the contrast rule.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}
