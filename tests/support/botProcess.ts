// The bot as a process of its own (`npm start`'s entry), its JSON log lines on stderr collected: for end-to-end
// tests of the shard manager and for the benches of start-up and memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';

export interface LogLine {
  msg?: string;
  shard?: number;
  pid?: number;
  generation?: string;
  [key: string]: unknown;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export class BotProcess {
  readonly logs: LogLine[] = [];
  private readonly events = new EventEmitter().setMaxListeners(0);

  private constructor(readonly child: ChildProcess) {
    let pending = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line) as LogLine;
          this.logs.push(parsed);
          this.events.emit('log', parsed);
        } catch {
          // Not a log line (a warning from Node itself): not what callers look for.
        }
      }
    });
  }

  /**
   * Starts `node <nodeArguments>` in the project's root with exactly `environment` (and PATH), stdin closed and
   * stdout ignored.
   */
  static start(nodeArguments: string[], environment: Record<string, string>): BotProcess {
    const child = spawn(process.execPath, nodeArguments, {
      cwd: ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...environment },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return new BotProcess(child);
  }

  /** The first log line (already written or still to come) that matches. */
  waitForLog(matches: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
    const found = this.logs.find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('log', listener);
        const recent = this.logs.slice(-10).map((line) => JSON.stringify(line));
        reject(new Error(`no such log line within ${timeoutMs} ms; last lines:\n${recent.join('\n')}`));
      }, timeoutMs);
      const listener = (line: LogLine): void => {
        if (!matches(line)) return;
        clearTimeout(timer);
        this.events.off('log', listener);
        resolve(line);
      };
      this.events.on('log', listener);
    });
  }

  /** The pids of the shard processes the manager started, the latest of each shard. */
  shardPids(): Map<number, number> {
    const pids = new Map<number, number>();
    for (const line of this.logs) {
      if (line.msg === 'shard process started' && line.shard !== undefined && line.pid !== undefined) {
        pids.set(line.shard, line.pid);
      }
    }
    return pids;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}
