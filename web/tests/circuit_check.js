// Independent check of hqnn's OpenQASM export: the npm package quantum-circuit
// imports each exported program (amplitude encoding of an input, then trained
// layers) and simulates it; its state must equal the amplitudes hqnn computes
// with the V chain itself (hqnn circuit --format stats --json), with the
// padding and the ancillas at zero. A circuit with one angle changed must fail.
//
// usage: node web/tests/circuit_check.js [path/to/hqnn]      (default build-native/hqnn)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
process.removeAllListeners('warning');  // quantum-circuit's parser warns about its own circular imports
const QuantumCircuit = require('quantum-circuit');

const hqnn = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'build-native', 'hqnn'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hqnn-circuit-'));
const run = (args) => execFileSync(hqnn, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
const kTolerance = 1e-9;

// Simulates OpenQASM 2.0 text; returns the real parts of the state (the
// imaginary parts must vanish: every gate is real).
function simulate(qasm) {
  const c = new QuantumCircuit();
  c.importQASM(qasm, (errors) => {
    if (errors.length) throw new Error('quantum-circuit rejected the program: ' + JSON.stringify(errors));
  });
  c.run();
  const size = 1 << c.numQubits;
  const amplitudes = [];
  for (let i = 0; i < size; ++i) {
    const a = c.state[i] || { re: 0, im: 0 };
    if (Math.abs(a.im) > kTolerance) throw new Error(`amplitude ${i} has imaginary part ${a.im}`);
    amplitudes.push(a.re);
  }
  return amplitudes;
}

// Largest deviation of the simulated state from hqnn's expected amplitudes
// (zero beyond them: padding amplitudes and ancillas).
function deviation(simulated, expected) {
  let worst = 0;
  simulated.forEach((v, i) => { worst = Math.max(worst, Math.abs(v - (i < expected.length ? expected[i] : 0))); });
  return worst;
}

const models = [
  { name: 'qdfnn-n4', train: ['--model', 'qdfnn', '--epochs', '3'] },
  { name: 'tqfnn-n5', train: ['--model', 'tqfnn', '--width', '5', '--epochs', '3'] },
  { name: 'qrfnn-n13', train: ['--model', 'qrfnn', '--width', '13', '--epochs', '3'] },
  { name: 'qdfnn-n64', train: ['--model', 'qdfnn', '--width', '64', '--epochs', '1'] },
];
const inputs = ['5.1,3.5,1.4,0.2', '6.3,-2.5,4.9,1.5'];
for (const m of models) run(['train', '--quiet', '--out', path.join(dir, m.name + '.json'), ...m.train]);
// Every model, n a power of two or not, both decompositions of the multi-controlled rotations.
const cases = [
  { name: 'qdfnn-n4', extra: [] },
  { name: 'qdfnn-n4', extra: ['--layer', '1'] },
  { name: 'tqfnn-n5', extra: [] },
  { name: 'qrfnn-n13', extra: [] },
  { name: 'qrfnn-n13', extra: ['--layer', '0', '--multi-control', 'ancilla-chain'] },
  { name: 'qdfnn-n64', extra: ['--layer', '0'] },
  { name: 'qdfnn-n64', extra: ['--layer', '1', '--multi-control', 'gray-code'] },
];

let failures = 0;
for (const c of cases) {
  inputs.forEach((input, i) => {
    const args = ['circuit', '--model', path.join(dir, c.name + '.json'), '--input', input, ...c.extra];
    const qasm = run([...args, '--format', 'qasm']);
    const expected = JSON.parse(run([...args, '--format', 'stats', '--json'])).circuit_output_state;
    const simulated = simulate(qasm);
    const worst = deviation(simulated, expected);
    // The check can fail: one angle changed by 0.1 must show (tried on the first input).
    const broken = qasm.replace(/ry\(([-0-9.e]+)\)/, (_, a) => `ry(${Number(a) + 0.1})`);
    const caught = i > 0 || deviation(simulate(broken), expected) > 1e-3;
    const ok = worst <= kTolerance && caught;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.name} ${c.extra.join(' ')}, input ${input}: ` +
                `${Math.log2(simulated.length)} qubits, max deviation ${worst.toExponential(2)}` +
                `${caught ? '' : ' (a changed angle went unnoticed)'}`);
    if (!ok) ++failures;
  });
}
fs.rmSync(dir, { recursive: true, force: true });
if (failures) {
  console.error(`circuit_check: ${failures} of ${cases.length * inputs.length} circuits differ from hqnn's amplitudes`);
  process.exit(1);
}
console.log(`circuit_check: all ${cases.length * inputs.length} exported circuits match in quantum-circuit`);
