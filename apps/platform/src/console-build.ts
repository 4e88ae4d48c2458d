import { commandArguments, ensureConsoleBuild } from '@hourglass/runtime-services';

const USAGE = `usage: npm run console:build [-- --if-stale]
Builds apps/console with Vite into apps/console/dist and prints the size of every file.
  --if-stale  build only when the console's sources changed since the last build
`;
const argsExit = commandArguments(
  'console:build',
  USAGE,
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  ['--if-stale'],
);
if (argsExit !== null) process.exit(argsExit);

/** `npm run console:build [-- --if-stale]`: builds apps/console and prints the size of every file. */
const build = ensureConsoleBuild({
  force: !process.argv.includes('--if-stale'),
  log: (line) => console.log(line),
});
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
let bytes = 0;
let gzip = 0;
for (const f of [...build.files].sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(`${kb(f.bytes)} ${kb(f.gzipBytes)} gzip  ${f.file}`);
  bytes += f.bytes;
  gzip += f.gzipBytes;
}
console.log(
  `${kb(bytes)} ${kb(gzip)} gzip  total (${build.built ? 'built now' : 'up to date'}) in ${build.dir}`,
);
