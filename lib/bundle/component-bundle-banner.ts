// The code at the top of every component bundle. It runs before any bundled module, so it:
// 1. turns on source maps and loads the file again. Storm runs exactly `node <id>.js` (no --enable-source-maps) and
//    Node maps only files loaded after `process.setSourceMapsEnabled(true)`, so the first load only enables them,
//    re-requires itself and returns (top-level `return` is legal in a CommonJS module);
// 2. keeps stray stdout writes made while modules load (a library printing a banner) off the protocol: they go to
//    stderr until the protocol loop takes stdout over (see ../multilang/component-io.ts);
// 3. puts the baked-in node paths first in this module's search paths, so that externals resolve from the
//    per-topology node_modules that `stp prepare` installs on the workers;
// 4. gives bundled ESM code an `import.meta.url` (esbuild's CommonJS output has none).

/** Marks that the banner redirected stdout (once per process). Nothing needs stdout's own write afterwards: the
 * protocol loop writes to the descriptor itself (../multilang/blocking-write.ts). */
export const STDOUT_REDIRECTED = 'stp.stdout.redirected';

export function bundleBanner(nodePaths: readonly string[]): string {
  return [
    `var __stpSourceMaps = Symbol.for('stp.sourceMaps');`,
    `if (!process[__stpSourceMaps]) { process[__stpSourceMaps] = true; process.setSourceMapsEnabled(true); delete require.cache[__filename]; require(__filename); return; }`,
    `if (!process[Symbol.for(${JSON.stringify(STDOUT_REDIRECTED)})]) { process[Symbol.for(${JSON.stringify(STDOUT_REDIRECTED)})] = true; process.stdout.write = function (chunk, encoding, callback) { return process.stderr.write(chunk, encoding, callback); }; }`,
    nodePaths.length > 0 ? `module.paths.unshift(...${JSON.stringify(nodePaths)});` : '',
    `var __stpImportMetaUrl = require('node:url').pathToFileURL(__filename).href;`,
  ]
    .filter(Boolean)
    .join('\n');
}
