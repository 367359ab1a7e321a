// Jest's Node environment, plus one thing for the console's browser tests: when a test or hook
// fails while a browser page is registered (globalThis.__consolePage, set by the console test
// set-ups), print the page's address and its accessibility tree. A locator that times out says
// only what it waited for; this shows what the page offered instead (a dialog left open, an
// error page, a button by another name). Plain JavaScript: Jest loads environments untransformed.
const { TestEnvironment } = require('jest-environment-node');

class Environment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const page = this.global.__consolePage;
    if (!page || page.isClosed()) return;
    try {
      const tree = await page.locator('body').ariaSnapshot({ timeout: 5_000 });
      const name = event.test ? event.test.name : event.hook.type;
      console.error(`[console page] at the failure of "${name}": ${page.url()}\n${tree}`);
    } catch (error) {
      console.error(`[console page] could not be read at the failure: ${error}`);
    }
  }
}

module.exports = Environment;
