// Makes the console's own errors visible in a browser test's output, and registers the page
// so that a failing test prints what it showed (test/support/environment.js). A locator that times out
// says only what it waited for; if the page threw (a render error replaces the page) or logged
// an error meanwhile, this is where the cause shows.
import type { Page } from 'playwright-core';

export function reportPageErrors(page: Page): void {
  // Read by test/support/environment.js when a test fails: the page's state goes into the output.
  (globalThis as { __consolePage?: Page }).__consolePage = page;
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
