// A process that needs Temporal to start waits for it, saying what it waits for, instead of
// exiting (and counting as a crash under its supervisor).
import { untilConnected } from '../../platform/temporal/connection';

test('tries again, longer each time up to the last delay, until the connection succeeds', async () => {
  const lines: string[] = [];
  let attempts = 0;
  const connection = await untilConnected(
    'Temporal at 127.0.0.1:1',
    () => {
      attempts += 1;
      return attempts < 4
        ? Promise.reject(new Error(`refused ${attempts}`))
        : Promise.resolve('connected');
    },
    { log: (line) => lines.push(line), delaysMs: [1, 2] },
  );
  expect(connection).toBe('connected');
  expect(attempts).toBe(4);
  expect(lines).toEqual([
    'Temporal at 127.0.0.1:1 is not reachable (refused 1); trying again in 0.001 s',
    'Temporal at 127.0.0.1:1 is not reachable (refused 2); trying again in 0.002 s',
    'Temporal at 127.0.0.1:1 is not reachable (refused 3); trying again in 0.002 s',
  ]);
});
