// How this program starts another Node process running one of its own modules (the build process, the shards):
// from the compiled JavaScript in dist/, or from the TypeScript sources under tsx or vitest.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

function runsFromSources(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.ts');
}

/** The file of module `name` (e.g. `./buildProcess`) beside `moduleUrl`, in the form this process runs. */
export function siblingModulePath(moduleUrl: string, name: string): string {
  return fileURLToPath(new URL(`${name}${runsFromSources(moduleUrl) ? '.ts' : '.js'}`, moduleUrl));
}

/**
 * Node flags for such a child: this process's own (heap settings, tsx's loader), or, where TypeScript was
 * loaded by something a child cannot inherit (vitest's transform), tsx's loader alone. A debugger flag is
 * dropped: the child would compete for the parent's inspector port.
 */
export function childNodeArguments(moduleUrl: string): string[] {
  const inherited = process.execArgv.filter((argument) => !/^--(inspect|debug)/.test(argument));
  if (!runsFromSources(moduleUrl) || inherited.some((argument) => argument.includes('tsx'))) {
    return inherited;
  }
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--import', loader];
}
