import { createHash } from 'node:crypto';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Manifest } from '../../src/index/manifest.js';
import type * as VerifiedFilesModule from '../../src/index/verifiedFiles.js';

const WRITTEN_AT = new Date('2026-11-30T12:00:00Z');

type VerifiedFiles = typeof VerifiedFilesModule;

/** A fresh copy of the module: what another process on the host starts with. */
async function anotherProcess(): Promise<VerifiedFiles> {
  vi.resetModules();
  return import('../../src/index/verifiedFiles.js');
}

describe('files checked by one process and trusted by its build process', () => {
  let directory: string;
  let manifest: Manifest;
  const file = 'graph.hnsw';
  const original = Buffer.from('the graph as the build wrote it');

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-verified-'));
    await writeFile(path.join(directory, file), original);
    // A whole second: restoring a modification time keeps only what the file system's call can express.
    await utimes(path.join(directory, file), WRITTEN_AT, WRITTEN_AT);
    const checksum = createHash('sha256').update(original).digest('hex');
    manifest = { checksums: { [file]: checksum } } as unknown as Manifest;
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  /** Same size, same modification time, other bytes: only reading the file tells them apart. */
  async function corruptInPlace(): Promise<void> {
    const fullPath = path.join(directory, file);
    await writeFile(fullPath, Buffer.from(original.map((byte) => byte ^ 1)));
    await utimes(fullPath, WRITTEN_AT, WRITTEN_AT);
  }

  it('GIVEN files the serving process checked THEN the build process trusts them without reading them', async () => {
    const serving = await anotherProcess();
    await serving.verifyFile(directory, manifest, file);
    const handedOver = serving.verifiedIdentities();
    await corruptInPlace();

    const untold = await anotherProcess();
    await expect(untold.verifyFile(directory, manifest, file)).rejects.toThrow(/does not match its checksum/);
    const builder = await anotherProcess();
    builder.trustVerified(handedOver);
    await expect(builder.verifyFile(directory, manifest, file)).resolves.toBeUndefined();
  });

  it('GIVEN a trusted file rewritten since it was checked THEN it is read and checked again', async () => {
    const serving = await anotherProcess();
    await serving.verifyFile(directory, manifest, file);
    const handedOver = serving.verifiedIdentities();
    await writeFile(path.join(directory, file), 'truncated');

    const builder = await anotherProcess();
    builder.trustVerified(handedOver);
    await expect(builder.verifyFile(directory, manifest, file)).rejects.toThrow(
      /does not match its checksum/,
    );
  });
});
