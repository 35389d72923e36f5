// One supervised part (the app, the embedded database or the worker) in a child process of its
// own: started again when it stops without being asked, after a delay that doubles while it keeps
// failing soon after starting; each stop logged with its cause and its last lines of stderr.
import { fork, type ChildProcess } from 'node:child_process';
import type { Clock } from '../../src/lib/clock';

export interface ChildSpec {
  /** "app", "database", "worker": the prefix of its lines and of the supervisor's. */
  readonly name: string;
  /** A TypeScript entry point, run with tsx. */
  readonly script: string;
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

export interface ChildOptions {
  readonly clock: Clock;
  readonly log: (line: string) => void;
  /** Lines the child writes, already prefixed with its name. */
  readonly out: (line: string) => void;
  /** First delay before a restart; doubled per quick failure, up to maxDelayMs. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A child that ran this long before stopping starts again after baseDelayMs. */
  readonly healthyAfterMs?: number;
  /** Called with each message the child sends (e.g. { ready: url }). */
  readonly onMessage?: (message: unknown) => void;
}

const TAIL_LINES = 15;
const STOP_GRACE_MS = 10_000;

export class SupervisedChild {
  #process: ChildProcess | null = null;
  #startedAt = 0;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;
  #tail: string[] = [];
  /** Every pid it ran under, the current one last. */
  readonly pids: number[] = [];

  constructor(
    readonly spec: ChildSpec,
    private readonly options: ChildOptions,
  ) {}

  get pid(): number | undefined {
    return this.#process?.pid;
  }

  start(): void {
    if (this.#stopping) return;
    this.#tail = [];
    const child = fork(this.spec.script, [...(this.spec.args ?? [])], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.#process = child;
    this.#startedAt = this.options.clock.now().getTime();
    if (child.pid) this.pids.push(child.pid);
    this.options.log(`${this.spec.name} started (pid ${child.pid})`);
    // Lines that already say where they come from ("[worker] …") keep their own prefix.
    const shown = (line: string) => (line.startsWith('[') ? line : `[${this.spec.name}] ${line}`);
    lines(child.stdout, (line) => this.options.out(shown(line)));
    lines(child.stderr, (line) => {
      this.#tail.push(line);
      if (this.#tail.length > TAIL_LINES) this.#tail.shift();
      this.options.out(shown(line));
    });
    child.on('message', (message) => this.options.onMessage?.(message));
    child.on('error', (err) => this.options.log(`${this.spec.name}: ${err.message}`));
    child.once('exit', (code, signal) => this.#exited(child, code, signal));
  }

  #exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) {
    if (this.#process !== child) return;
    this.#process = null;
    if (this.#stopping) return;
    const ranMs = this.options.clock.now().getTime() - this.#startedAt;
    const base = this.options.baseDelayMs ?? 500;
    this.#failures = ranMs >= (this.options.healthyAfterMs ?? 60_000) ? 1 : this.#failures + 1;
    const delay = Math.min(base * 2 ** (this.#failures - 1), this.options.maxDelayMs ?? 30_000);
    const cause = signal ? `signal ${signal}` : `exit code ${code}`;
    const tail = this.#tail.length
      ? `; last lines of stderr:\n${this.#tail.map((l) => `    ${l}`).join('\n')}`
      : '; nothing on stderr';
    this.options.log(
      `${this.spec.name} stopped (${cause}) after ${(ranMs / 1000).toFixed(1)} s, ` +
        `restarting in ${(delay / 1000).toFixed(1)} s${tail}`,
    );
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.start();
    }, delay);
  }

  /** Asks the child to stop (SIGTERM, then SIGKILL after a grace period); no restart. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    const child = this.#process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.once('exit', () => {
        clearTimeout(kill);
        done();
      });
      child.kill('SIGTERM');
    });
  }
}

function lines(stream: NodeJS.ReadableStream | null, each: (line: string) => void) {
  if (!stream) return;
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) each(line);
  });
  stream.on('end', () => {
    if (rest) each(rest);
  });
}
