// Child processes the chaos suite starts, kills and starts again. Each one logs to its own file
// in the run directory. A process that exits without being asked to is restarted, as a
// supervisor (systemd, compose `restart: always`) would, and counted as a crash: the suite
// reports crashes instead of hiding them.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { say } from './log';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Set while we stop it on purpose, so its exit is not mistaken for a crash. */
  private stopping = false;
  private supervised = true;
  crashes = 0;

  constructor(private readonly spec: ProcessSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): void {
    const log = openSync(this.spec.logFile, 'a');
    const child = spawn(this.spec.command, this.spec.args, {
      env: this.spec.env,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.child = child;
    this.stopping = false;
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        if (this.stopping || !this.supervised || this.child !== child) return;
        this.crashes += 1;
        say(
          `${this.spec.name} exited on its own (${signal ?? `code ${String(code)}`}); restarting it`,
        );
        this.start();
      });
      child.once('error', (error) => {
        say(`could not start ${this.spec.name}: ${error.message}`);
        resolve();
      });
    });
  }

  /** Sends the signal and waits for the exit; a SIGTERM not obeyed in time becomes a SIGKILL. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.stopping = true;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), graceMs);
    });
    const outcome = await Promise.race([this.exited.then(() => 'exited' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') {
      child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Stops for good at the end of the run: no restart. */
  async shutdown(): Promise<void> {
    this.supervised = false;
    await this.stop('SIGTERM');
  }
}

/** Polls `probe` until it answers true, failing with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 60_000,
  intervalMs = 200,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ok = false;
    try {
      ok = await probe();
    } catch {
      ok = false;
    }
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
