// Makes the console's own errors visible in a browser test's output. A locator that times out
// says only what it waited for; if the page threw (a render error replaces the page) or logged
// an error meanwhile, this is where the cause shows.
import type { Page } from 'playwright-core';

export function reportPageErrors(page: Page): void {
  page.on('pageerror', (error) => {
    console.error(`[console page] uncaught: ${error.stack ?? error.message}`);
  });
  page.on('console', (message) => {
    // Refused requests (the tests make many on purpose) are logged by Chromium as errors too.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      console.error(`[console page] ${page.url()}: ${message.text()}`);
    }
  });
}
