// The accessibility check the console's browser tests share: axe over the page as it stands,
// keeping the serious and critical violations (none are expected).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * The serious and critical violations on the page once its transient toasts have gone. A toast
 * (antd `message`) fades in and out over 0.3 s; caught half-transparent, its text fails the
 * contrast rule although at rest it passes, so the check waits for toasts to leave (3 s at most).
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}
