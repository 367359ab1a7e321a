// Waiting for something only so long: a request that must answer in time races the work
// against a timer, and the timer never outlives the race.

/** `{ done: true, value }` if `promise` resolves within `ms`, else `{ done: false }`; rejections pass through. */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then((value) => ({ done: true as const, value }));
  // When the timer wins, nobody awaits `settled` any more; a later rejection (e.g. the Temporal
  // connection shut down while stopping) must not become an unhandled rejection that kills the
  // process. The race below still sees the rejection when it comes first.
  settled.catch(() => undefined);
  try {
    return await Promise.race([
      settled,
      new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(() => resolve({ done: false }), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
