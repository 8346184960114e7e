// Node < 22 has no module.enableCompileCache: this loads the bundle through vm.Script with V8's code cache, so a run
// skips compiling what an earlier run compiled (about 10 ms of a one-shot command's start). The cache file lives in
// $XDG_CACHE_HOME/eredis/, named for the bundle's size and mtime and the Node version (V8 itself checks only the
// source's length); a missing or rejected one is written at exit, replacing older ones. Any failure just skips it.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const PREFIX = 'code-cache-';

/** Runs the CommonJS file `file` as require() would, with the code cache. */
exports.runWithCodeCache = function runWithCodeCache(file) {
  const source = fs.readFileSync(file, 'utf8');
  const stat = fs.statSync(file);
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'eredis');
  const name = `${PREFIX}${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.bin`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(path.join(dir, name));
  } catch {
    // none yet
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => save(script, dir, name));
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
};

/** Writes the cache (atomically: other runs may read it now) and removes the caches of other builds. */
function save(script, dir, name) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.${name}.${process.pid}`);
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, path.join(dir, name));
    for (const other of fs.readdirSync(dir)) if (other.startsWith(PREFIX) && other !== name) fs.rmSync(path.join(dir, other), { force: true });
  } catch {
    // A cache is only a shortcut: an unwritable cache directory changes nothing.
  }
}
