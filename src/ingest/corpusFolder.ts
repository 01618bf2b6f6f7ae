import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { replaceDurably, syncDirectory, writeDurably } from '../durableFiles.js';

/**
 * A change to the corpus folder that is in place but not yet final: kept while the index is rebuilt, then
 * either committed or rolled back.
 */
export interface PendingChange {
  /** The change stays; the journal entry is cleared. */
  commit(): Promise<void>;
  /** The folder is put back exactly as it was. */
  rollback(): Promise<void>;
}

const journalSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add'), file: z.string().min(1), sha256: z.string(), by: z.string() }),
  z.object({
    action: z.literal('remove'),
    file: z.string().min(1),
    removedTo: z.string().min(1),
    sha256: z.string(),
    by: z.string(),
  }),
]);

export type JournalEntry = z.infer<typeof journalSchema>;

/** What start-up recovery did with a change a crash left half done. */
export interface Recovery {
  entry: JournalEntry;
  outcome: 'rolled-back' | 'completed-after-restart';
}

/** The bot's working folder inside the corpus: never read as articles (the loader reads only files directly in it). */
const WORK_FOLDER = '.ingest';

/**
 * Adds and removes article files so that a crash at any moment (kill -9 included) is undone at the next start.
 *
 * An add writes the file to a temporary name and syncs it, records the change in a journal, and only then
 * renames it into place (a rename is atomic within a folder). A removal records the change, then moves the
 * file to `.ingest/removed/`. The journal entry is cleared once the index has been rebuilt with the change, or
 * the change rolled back. At start-up, an entry still there is settled against the index that is being served:
 * if the index already holds the change it is kept, otherwise the folder is put back as it was.
 */
export class CorpusFolder {
  private readonly work: string;
  private readonly journal: string;

  constructor(readonly directory: string) {
    this.work = path.join(directory, WORK_FOLDER);
    this.journal = path.join(this.work, 'journal.json');
  }

  /** `name`, or `name-2`, `name-3`… when a different article already has it. */
  async freeName(name: string): Promise<string> {
    const extension = path.extname(name);
    const stem = name.slice(0, -extension.length);
    for (let attempt = 1; ; attempt++) {
      const candidate = attempt === 1 ? name : `${stem}-${attempt}${extension}`;
      if (!(await exists(path.join(this.directory, candidate)))) return candidate;
    }
  }

  async add(name: string, content: string, details: { sha256: string; by: string }): Promise<PendingChange> {
    await mkdir(this.work, { recursive: true });
    const target = path.join(this.directory, name);
    const partial = path.join(this.work, `${name}.${randomBytes(4).toString('hex')}.partial`);
    await writeDurably(partial, content, { exclusive: true });
    if (await exists(target)) {
      await rm(partial, { force: true });
      throw new Error(`${name} appeared in the corpus while it was being added`);
    }
    await this.writeJournal({ action: 'add', file: name, ...details });
    await rename(partial, target);
    await syncDirectory(this.directory);
    return {
      commit: () => this.clearJournal(),
      rollback: async () => {
        await rm(target, { force: true });
        await syncDirectory(this.directory);
        await this.clearJournal();
      },
    };
  }

  async remove(name: string, details: { sha256: string; by: string }): Promise<PendingChange> {
    const removedFolder = path.join(this.work, 'removed');
    await mkdir(removedFolder, { recursive: true });
    const source = path.join(this.directory, name);
    const removedTo = path.join(WORK_FOLDER, 'removed', `${timestamp()}-${name}`);
    await this.writeJournal({ action: 'remove', file: name, removedTo, ...details });
    await rename(source, path.join(this.directory, removedTo));
    await syncDirectory(this.directory);
    return {
      commit: () => this.clearJournal(),
      rollback: async () => {
        await rename(path.join(this.directory, removedTo), source);
        await syncDirectory(this.directory);
        await this.clearJournal();
      },
    };
  }

  /**
   * Settles a change a crash interrupted, against `indexed` (file → sha256 of the articles in the index being
   * served), and removes half-written temporary files. Run at start-up, before the index is checked against the
   * corpus, so an interrupted add is never indexed by the start-up build.
   */
  async recover(indexed: ReadonlyMap<string, string>): Promise<Recovery | undefined> {
    const entry = await this.readJournal();
    let recovery: Recovery | undefined;
    if (entry?.action === 'add') {
      const inIndex = indexed.get(entry.file) === entry.sha256;
      if (!inIndex) await rm(path.join(this.directory, entry.file), { force: true });
      recovery = { entry, outcome: inIndex ? 'completed-after-restart' : 'rolled-back' };
    } else if (entry?.action === 'remove') {
      const stillIndexed = indexed.has(entry.file);
      const removed = path.join(this.directory, entry.removedTo);
      if (stillIndexed && (await exists(removed)))
        await rename(removed, path.join(this.directory, entry.file));
      recovery = { entry, outcome: stillIndexed ? 'rolled-back' : 'completed-after-restart' };
    }
    if (entry) await syncDirectory(this.directory);
    await this.clearJournal();
    await this.removePartials();
    return recovery;
  }

  private async readJournal(): Promise<JournalEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.journal, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return journalSchema.parse(JSON.parse(text));
    } catch {
      // Written by rename, so never half a file; an unreadable one was edited by hand and is not acted on.
      return undefined;
    }
  }

  private async writeJournal(entry: JournalEntry): Promise<void> {
    await replaceDurably(this.journal, JSON.stringify(entry));
  }

  private async clearJournal(): Promise<void> {
    await rm(this.journal, { force: true });
  }

  private async removePartials(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.work);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.endsWith('.partial') || name.endsWith('.tmp')) await unlink(path.join(this.work, name));
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}
