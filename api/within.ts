// Waiting for something only so long: a request that must answer in time races the work
// against a timer, and the timer never outlives the race.

/** `{ done: true, value }` if `promise` resolves within `ms`, else `{ done: false }`; rejections pass through. */
export async function within<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise.then((value) => ({ done: true as const, value })),
      new Promise<{ done: false }>((resolve) => {
        timer = setTimeout(() => resolve({ done: false }), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
