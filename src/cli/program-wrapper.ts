/**
 * How dist/cli/program.cjs begins (scripts/bundle-cli.mjs writes it so, and
 * closes it with `\n})`): a function of the CommonJS wrapper's parameters and
 * one more, the loader's import(). Code compiled from a code cache loses V8's
 * dynamic-import host options, so the program's own import() would throw; the
 * bundle calls this one instead.
 */
export const PROGRAM_WRAPPER = '(function (exports, require, module, __filename, __dirname, __blackoutLoaderImport) {';
