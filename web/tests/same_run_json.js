// node web/tests/same_run_json.js NATIVE.json WASM.json NAME
// The two run JSONs (hqnn train --link L --json, and hqnn_train_link L under
// node) must be the same run bit for bit: every number equal as a double
// (curves per epoch, final losses and accuracies, metrics, gradient norms),
// every string equal. Only the timings (seconds, cpu_seconds) may differ.
'use strict';
const fs = require('fs');
const [a, b, name] = process.argv.slice(2);
const native = JSON.parse(fs.readFileSync(a, 'utf8'));
const wasm = JSON.parse(fs.readFileSync(b, 'utf8'));
const timing = new Set(['seconds', 'cpu_seconds']);
const differences = [];
function compare(x, y, path) {
  if (differences.length >= 5) return;
  if (typeof x !== typeof y || Array.isArray(x) !== Array.isArray(y) || (x === null) !== (y === null)) {
    differences.push(`${path}: ${JSON.stringify(x)} (native) vs ${JSON.stringify(y)} (wasm)`);
  } else if (Array.isArray(x)) {
    if (x.length !== y.length) differences.push(`${path}: ${x.length} vs ${y.length} entries`);
    else x.forEach((v, i) => compare(v, y[i], `${path}[${i}]`));
  } else if (x !== null && typeof x === 'object') {
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const k of keys) if (!timing.has(k)) compare(x[k], y[k], path ? `${path}.${k}` : k);
  } else if (!Object.is(x, y)) {
    differences.push(`${path}: ${x} (native) vs ${y} (wasm)`);
  }
}
compare(native, wasm, '');
const epochs = (native.curves && native.curves.epoch || []).length;
if (epochs === 0) differences.push('no epochs in the native run');
if (differences.length) {
  console.error(`FAIL ${name}: the wasm run differs from the native CLI's:\n  ` + differences.join('\n  '));
  process.exit(1);
}
console.log(`ok   ${name}: wasm = native CLI bit for bit (${epochs} epochs, final test loss ${native.test_loss})`);
