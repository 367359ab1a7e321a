// The slice of the browser's Storage API the browser test uses inside page.evaluate (the test
// files are typed for Node, without the DOM library).
export interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
