// The chaos suite's progress lines, stamped with the time since the run began, so the README's
// figures and a failure's story can be read against the faults.
const began = Date.now();

export function say(message: string): void {
  console.log(`[chaos +${((Date.now() - began) / 1000).toFixed(1)}s] ${message}`);
}
