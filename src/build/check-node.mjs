// Fails fast when npm scripts run on a Node older than the toolchain needs. The
// project installs Node 22 as a devDependency (package "node"), which npm puts first
// on PATH for every script; `npm install --ignore-scripts` skips that download.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Herald's toolchain (wrangler, vitest) needs Node >= 22.12, but this script runs on Node ${process.versions.node}.\n` +
      "The project brings its own Node 22 as a devDependency: run `npm install` (without --ignore-scripts)\n" +
      "and start commands through npm (`npm start`, `npm test`), which put node_modules/.bin first on PATH.",
  );
  process.exit(1);
}
