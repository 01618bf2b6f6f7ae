// `npm start`: runs the bundled bot (dist/main.js), building it first when dist/ is missing or older than the
// sources. Plain JavaScript, so starting costs no TypeScript transpiling: `npm install` builds once (the
// `prepare` script), and a checkout whose sources changed since is built here, with one line saying so.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = path.join(root, 'dist', '.built');

/** The newest modification time among the files the build reads. */
function newestSource(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    return statSync(stamp).mtimeMs;
  } catch {
    return 0;
  }
}

const configs = ['scripts/build.mjs', 'package-lock.json'].map(
  (file) => statSync(path.join(root, file)).mtimeMs,
);
if (Math.max(newestSource(path.join(root, 'src')), ...configs) > builtAt()) {
  process.stderr.write('article-bot: building (src/ changed since the last build)…\n');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) {
    process.stderr.write('article-bot: the build failed; see the errors above (npm run build).\n');
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(root, 'dist', 'main.js')).href);
