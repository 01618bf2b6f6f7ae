// Where this program's own files are, and how it starts a child running one of its modules (the build process,
// the shards), whether it runs from the TypeScript sources (tsx, vitest) or from the bundle `npm run build`
// writes to dist/ (`npm start`), where modules are merged into a few files and paths relative to a module lie.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** True under tsx or vitest, false in the bundle. */
export const RUNS_FROM_SOURCES = import.meta.url.endsWith('.ts');

/** The nearest folder above this module that holds package.json: src/, dist/ and dist/chunks/ all lie under it. */
export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(start: string): string {
  for (let directory = start; ; directory = path.dirname(directory)) {
    if (existsSync(path.join(directory, 'package.json'))) return directory;
    if (path.dirname(directory) === directory) return start;
  }
}

/** A file of the project by its path from the root, e.g. `assets/fonts/Inter-Regular.otf`. */
export function projectFile(relative: string): string {
  return path.join(PROJECT_ROOT, relative);
}

/**
 * The file of this program's module `name` (its path under src/ without extension, e.g. `index/buildProcess`),
 * in the form this process runs: the source under tsx and vitest, the bundle's entry otherwise. Every module
 * started as a process or imported by URL is an entry of the bundle (scripts/build.mjs).
 */
export function programModule(name: string): string {
  return RUNS_FROM_SOURCES ? projectFile(`src/${name}.ts`) : projectFile(`dist/${name}.js`);
}

/**
 * Node flags for a child running one of our modules: this process's own (heap settings, tsx's loader), or,
 * where TypeScript was loaded by something a child cannot inherit (vitest's transform), tsx's loader alone. A
 * debugger flag is dropped: the child would compete for the parent's inspector port.
 */
export function childNodeArguments(): string[] {
  const inherited = process.execArgv.filter((argument) => !/^--(inspect|debug)/.test(argument));
  if (!RUNS_FROM_SOURCES || inherited.some((argument) => argument.includes('tsx'))) return inherited;
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', loader];
}
