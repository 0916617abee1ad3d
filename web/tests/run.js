#!/usr/bin/env node
// Browser tests of the playground: Debian's chromium driven by playwright-core
// against web/serve.js, once with COOP/COEP (threaded build) and once without
// (single-threaded fallback). Writes screenshots and console logs to the
// artefact directory.
//
//   node web/tests/run.js [site=site] [out=out]
//   HQNN_WEB_ONLY=map node web/tests/run.js    only the robustness map's check (13)
//   HQNN_WEB_ONLY=image node web/tests/run.js  only the image-training checks (6, 8); metrics in web-metrics-image.json
//
// Every check prints "ok" or "FAIL"; the exit status is the number of failures.
'use strict';
const path = require('path');
const fs = require('fs');
const {spawn} = require('child_process');
const {chromium} = require('playwright-core');

const repo = path.resolve(__dirname, '..', '..');
const site = path.resolve(process.argv[2] || path.join(repo, 'site'));
const out = path.resolve(process.argv[3] || path.join(repo, 'out'));
fs.mkdirSync(out, {recursive: true});

const launchArgs = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
// Console lines that are not errors of the page.
const harmless = [/Blocking on the main thread is very dangerous/];

let failures = 0;
const metrics = {};
function check(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ' (' + detail + ')' : ''}`);
  if (!ok) failures++;
}

function startServer(port, extra) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repo, 'web', 'serve.js'), site, String(port), ...extra],
                        {stdio: ['ignore', 'pipe', 'inherit']});
    child.stdout.on('data', (d) => { if (/http:\/\//.test(String(d))) resolve(child); });
    child.on('exit', (code) => reject(new Error(`serve.js exited with ${code}`)));
  });
}

async function openPage(browser, url, name) {
  const context = await browser.newContext({viewport: {width: 1280, height: 800}, acceptDownloads: true});
  const page = await context.newPage();
  const log = [];
  const errors = [];
  page.on('console', (m) => {
    log.push(`[${m.type()}] ${m.text()}`);
    if (m.type() === 'error' && !harmless.some((r) => r.test(m.text()))) errors.push(m.text());
  });
  page.on('pageerror', (e) => { log.push(`[pageerror] ${e.message}`); errors.push(e.message); });
  const started = Date.now();
  await page.goto(url);
  const finish = async () => {
    fs.writeFileSync(path.join(out, `web-${name}.log`), log.join('\n') + '\n');
    await context.close();
  };
  return {page, errors, log, started, finish};
}

async function waitStatus(page, predicate, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let status = null;
  while (Date.now() < deadline) {
    status = await page.evaluate(() => window.hqnnStatus || null).catch(() => null);
    if (status && predicate(status)) return status;
    await page.waitForTimeout(50);
  }
  return status;
}

// 13. The robustness map: a link with the map sweeps iris (3 magnitudes, QDFNN vs MLP) in the threaded and the
//     single-threaded page, reports every point, keeps the sweep in the link, and both pages find the same points.
async function checkRobustnessMap(browser) {
  const link = '#data=iris&epochs=5&map=1&map_lo=0.01&map_hi=10&map_points=3';
  const found = {};
  for (const [page, build] of [['8631/', 'threaded'], ['8632/?nosw', 'single-threaded']]) {
    const t = await openPage(browser, `http://127.0.0.1:${page}${link}`, `map-${build}`);
    const started = Date.now();
    const s = await waitStatus(t.page, (s) => s.map && (s.map.done || s.map.error), 120000);
    const m = s && s.map;
    metrics[`map_sweep_ms_${build}`] = Date.now() - started;
    check(m && m.done && m.error === '' && m.runs === 6 && m.points.length === 6 && s.build === build,
          `the robustness map sweeps its link's 6 runs (${build})`, m && `${s.build}: ${m.points.length}/${m.runs} ${m.error}`);
    const models = m ? m.points.map((p) => p.model).join(',') : '';
    check(models === 'qdfnn,mlp-leaky,qdfnn,mlp-leaky,qdfnn,mlp-leaky', `hybrid and classical at each magnitude (${build})`, models);
    const magnitudes = m ? m.points.map((p) => Number(p.magnitude.toPrecision(3))) : [];
    check(JSON.stringify(magnitudes) === JSON.stringify([0.01, 0.01, 0.316, 0.316, 10, 10]),
          `log-spaced magnitudes (${build})`, JSON.stringify(magnitudes));
    check(m && m.points.every((p) => p.average_accuracy > 0 && p.average_accuracy <= 1 && p.final_accuracy >= 0 &&
                                     p.final_accuracy <= 1 && typeof p.diverged === 'boolean') &&
          Math.abs(m.chance - 1 / 3) < 1e-12, `each point has its accuracies and NaN flag (${build})`);
    check(s && s.panels.includes('map') && /map=1&map_hybrid=qdfnn&map_classical=mlp-leaky&map_form=inside/.test(s.hash) &&
          /map_lo=0\.01&map_hi=10&map_points=3/.test(s.hash), `the link keeps the map (${build})`, s && s.hash);
    check(t.errors.length === 0, `no console errors in the robustness map (${build})`, t.errors.slice(0, 3).join(' | '));
    found[build] = m ? JSON.stringify(m.points) : '';
    await t.page.screenshot({path: path.join(out, `web-map-${build}.png`)});
    await t.finish();
  }
  check(found.threaded !== '' && found.threaded === found['single-threaded'],
        'the threaded and single-threaded pages find the same points');
}

const only = process.env.HQNN_WEB_ONLY || '';

// Training samples per second of training time between two status snapshots.
function steadyRate(a, b) {
  const seconds = b.train_seconds - a.train_seconds;
  return seconds > 0 ? (b.samples_trained - a.samples_trained) / seconds : 0;
}

// Where the page's time went between two statuses: the training thread's wall
// time (the main thread's, in the single-threaded build) split into training,
// publishing snapshots (the heavy views among them) and the rest; the main
// thread's frames per second and its median frame times.
function timeShares(a, b) {
  const wall = b.play_seconds - a.play_seconds;
  const share = (k) => wall > 0 ? +((b[k] - a[k]) / wall).toFixed(3) : null;
  return {wall_seconds: +wall.toFixed(3), training: share('train_seconds'), publishing: share('publish_seconds'),
          of_which_heavy_views: share('views_seconds'),
          frames_per_second: wall > 0 ? +((b.frames - a.frames) / wall).toFixed(1) : null,
          ui_ms_median: b.ui_ms_median, frame_ms_median: b.frame_ms_median, train_slice_ms_median: b.train_slice_ms_median};
}

async function main() {
  if (only && only !== 'map' && only !== 'image') {
    console.error(`HQNN_WEB_ONLY=${only}: expected map or image (or unset for every check)`);
    process.exit(2);
  }
  const isolated = await startServer(8631, []);
  const plain = await startServer(8632, ['--no-coi']);
  const browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true, args: launchArgs});
  try {
    const wanted = (group) => !only || only === group;
    all: {  // HQNN_WEB_ONLY=map skips to the map's check
    if (only === 'map') break all;
    // 1. Loads without console errors, isolated, threaded build.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/', 'load');
      const s = await waitStatus(t.page, (s) => s.frames > 10, 20000);
      const coi = await t.page.evaluate(() => self.crossOriginIsolated);
      check(coi === true, 'page served with COOP/COEP is crossOriginIsolated');
      check(s && s.build === 'threaded' && s.threaded === true, 'threaded build is used', s && s.build);
      check(s && s.error === '', 'the default run starts', s && s.error);
      await t.page.waitForTimeout(500);
      check(t.errors.length === 0, 'no console errors', t.errors.slice(0, 3).join(' | '));
      if (s) Object.assign(metrics, {first_frame_ms: s.first_frame_ms, main_ms: s.main_ms});
      await t.page.screenshot({path: path.join(out, 'web-load.png')});
      await t.finish();
    }
    // 2. iris + QDFNN + autoplay reaches 0.90 test accuracy.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/#data=iris&model=qdfnn&play=1', 'autoplay');
      const s = await waitStatus(t.page, (s) => s.test_accuracy >= 0.9 || s.done, 60000);
      check(s && s.test_accuracy >= 0.9, 'iris + QDFNN + autoplay reaches >= 0.90 test accuracy',
            s && `epoch ${s.epoch}, test acc ${s.test_accuracy}`);
      const done = await waitStatus(t.page, (s) => s.done, 30000);
      await t.page.waitForTimeout(1500);
      const end = await waitStatus(t.page, () => true, 1000);
      if (s) Object.assign(metrics, {target_ms: s.target_ms, target_epoch: s.target_epoch});
      if (end) Object.assign(metrics, {samples_per_second_threaded: end.samples_per_second,
                                       frame_ms_median_threaded: end.frame_ms_median,
                                       ui_ms_median_threaded: end.ui_ms_median, final_test_accuracy: end.test_accuracy});
      check(done && done.done, 'the run finishes its epochs');
      check(t.errors.length === 0, 'no console errors while training', t.errors.slice(0, 3).join(' | '));
      await t.page.screenshot({path: path.join(out, 'web-playground.png')});
      await t.finish();
    }
    // 3. Without COOP/COEP (and no service worker): single-threaded build, still trains.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8632/?nosw#model=qdfnn&play=1', 'no-coi');
      const s = await waitStatus(t.page, (s) => s.epoch >= 5, 30000);
      const coi = await t.page.evaluate(() => self.crossOriginIsolated);
      check(coi === false, 'page without COOP/COEP is not crossOriginIsolated');
      check(s && s.build === 'single-threaded' && s.threaded === false, 'single-threaded build is used', s && s.build);
      check(s && s.epoch >= 5, 'the single-threaded build trains', s && `epoch ${s.epoch}`);
      const st = await waitStatus(t.page, (s) => s.done, 30000);
      if (st) Object.assign(metrics, {samples_per_second_single: st.samples_per_second,
                                      frame_ms_median_single: st.frame_ms_median, ui_ms_median_single: st.ui_ms_median,
                                      target_ms_single: st.target_ms});
      check(t.errors.length === 0, 'no console errors without isolation', t.errors.slice(0, 3).join(' | '));
      await t.page.screenshot({path: path.join(out, 'web-no-coi.png')});
      await t.finish();
    }
    // 4. Without headers but with the service worker: one reload, then threaded.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8632/#play=1', 'service-worker');
      const s = await waitStatus(t.page, (s) => s.build === 'threaded' && s.epoch > 0, 30000);
      check(s && s.build === 'threaded', 'coi-serviceworker isolates a plain static host', s && s.build);
      await t.finish();
    }
    // 5. A CSV chosen through the file picker trains.
    if (wanted('all')) {
      const csv = path.join(out, 'two-moons.csv');
      let text = 'x,y,label\n';
      for (let i = 0; i < 120; i++) {
        const a = Math.PI * (i % 60) / 60, c = i < 60 ? 0 : 1;
        const x = c ? 1 - Math.cos(a) : Math.cos(a), y = c ? 0.5 - Math.sin(a) : Math.sin(a);
        text += `${(x + 0.05 * Math.sin(i * 7)).toFixed(4)},${(y + 0.05 * Math.cos(i * 3)).toFixed(4)},${c ? 'b' : 'a'}\n`;
      }
      fs.writeFileSync(csv, text);
      const t = await openPage(browser, 'http://127.0.0.1:8631/#model=qrfnn&L=2', 'csv');
      const s = await waitStatus(t.page, (s) => s.frames > 5 && s.open_csv_button[2] > 0, 20000);
      if (!s) throw new Error('the CSV page did not start');
      const [x, y, w, h] = s.open_csv_button;
      const [chooser] = await Promise.all([t.page.waitForEvent('filechooser', {timeout: 10000}),
                                           t.page.mouse.click(x + w / 2, y + h / 2)]);
      await chooser.setFiles(csv);
      const loaded = await waitStatus(t.page, (s) => s.data === 'two-moons.csv' || s.error, 10000);
      check(loaded && loaded.data === 'two-moons.csv' && loaded.train_samples + loaded.test_samples === 120 && loaded.classes === 2,
            'a CSV chosen in the file picker is loaded', loaded && `${loaded.data}, ${loaded.train_samples} + ${loaded.test_samples} samples`);
      // Play: click the toolbar's first button.
      await t.page.mouse.click(40, 20);
      const trained = await waitStatus(t.page, (s) => s.epoch >= 20, 30000);
      check(trained && trained.epoch >= 20 && trained.test_accuracy > 0.5, 'the uploaded CSV trains',
            trained && `epoch ${trained.epoch}, test acc ${trained.test_accuracy}`);
      // An unusable file gives a clear message.
      const bad = path.join(out, 'one-class.csv');
      fs.writeFileSync(bad, 'a,b,label\n1,2,x\n3,4,x\n');
      const [chooser2] = await Promise.all([t.page.waitForEvent('filechooser', {timeout: 10000}),
                                            t.page.mouse.click(x + w / 2, y + h / 2)]);
      await chooser2.setFiles(bad);
      const refused = await waitStatus(t.page, (s) => /unusable CSV/.test(s.status), 10000);
      check(refused && /one class/.test(refused.status), 'an unusable CSV is reported', refused && refused.status);
      await t.page.screenshot({path: path.join(out, 'web-csv.png')});
      check(t.errors.length === 0, 'no console errors with a CSV', t.errors.slice(0, 3).join(' | '));
      await t.finish();
    }
    // 6. An image model trains on the FashionMNIST subset in the page. Its rate is
    // measured over the whole run and, without the start-up (compilation tiers,
    // first allocations), from the end of epoch 1 to the end.
    if (wanted('image')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/#data=fashion-mnist-subset&model=qdcnn&epochs=6&play=1',
                               'image');
      const first = await waitStatus(t.page, (s) => s.epoch >= 1 || s.error, 120000);
      check(first && first.image && first.data === 'fashion-mnist-subset' && first.train_samples + first.test_samples === 1400,
            'the FashionMNIST subset loads in the page', first && `${first.data}, ${first.train_samples} + ${first.test_samples} images, ${first.error}`);
      const last = await waitStatus(t.page, (s) => s.done || s.error, 240000);
      check(first && last && last.epoch >= 3 && last.test_accuracy > Math.max(0.5, first.test_accuracy - 0.02) &&
            last.train_accuracy >= first.train_accuracy,
            'a QDCNN trains on FashionMNIST in the page and its accuracy rises',
            first && last && `epoch 1: test ${first.test_accuracy}; epoch ${last.epoch}: test ${last.test_accuracy}`);
      if (first && last) {
        metrics.image_samples_per_second_threaded_after_epoch_1 = steadyRate(first, last);
        metrics.image_threaded_time_after_epoch_1 = timeShares(first, last);
      }
      if (last) Object.assign(metrics, {image_samples_per_second_threaded: last.samples_per_second,
                                        image_ui_ms_median_threaded: last.ui_ms_median,
                                        image_frame_ms_median_threaded: last.frame_ms_median});
      check(t.errors.length === 0, 'no console errors with image data', t.errors.slice(0, 3).join(' | '));
      await t.page.screenshot({path: path.join(out, 'web-image.png')});
      await t.finish();
    }
    // 7. An attack set through the URL is applied, to the hybrid and to the arena's classical model.
    if (wanted('all')) {
      const hash = '#data=iris&model=qdfnn&attack=outside&attack_noise=gaussian-asym&attack_m=0.05&arena=1' +
                   '&arena_model=mlp-leaky&play=1';
      const t = await openPage(browser, 'http://127.0.0.1:8631/' + hash, 'attack');
      const s = await waitStatus(t.page, (s) => s.epoch >= 5 && s.arena && s.arena.epoch >= 5, 60000);
      const a = s && s.attack;
      check(a && a.enabled && a.active && a.form === 'outside' && a.noise === 'gaussian-asym' && a.magnitude === 0.05 &&
            a.layers.length === 1, 'an attack set through the URL is applied', a && JSON.stringify(a));
      check(a && a.max_orthogonality_error > 1e-3, 'form (2) makes the gates non-orthogonal',
            a && `max |c^2+s^2-1| = ${a.max_orthogonality_error}`);
      check(s && s.arena && s.arena.spec.model === 'mlp-leaky' && s.arena.attack.active, 'the arena trains a classical model under the same attack',
            s && s.arena && JSON.stringify(s.arena));
      check(s && /attack=outside/.test(s.hash) && /arena=1/.test(s.hash), 'the attack stays in the URL', s && s.hash);
      // "Copy as command" gives the hqnn train line of the same run.
      const [cx, cy, cw, ch] = s ? s.copy_command_button : [0, 0, 0, 0];
      await t.page.mouse.click(cx + cw / 2, cy + ch / 2);
      const copied = await waitStatus(t.page, (s) => /^hqnn train /.test(s.command), 10000);
      // The shortest line: the attack's noise is the default that --attack-form gives, so it is left out.
      check(copied && /--data=iris/.test(copied.command) && /--attack-form=outside/.test(copied.command) &&
            /--attack-magnitude=0\.05/.test(copied.command) && !/--attack-noise/.test(copied.command),
            '"Copy as command" gives the hqnn train line of the run', copied && copied.command);
      check(t.errors.length === 0, 'no console errors under attack', t.errors.slice(0, 3).join(' | '));
      await t.page.screenshot({path: path.join(out, 'web-attack.png')});
      await t.finish();
    }
    // 8. The single-threaded build trains an image model between frames.
    if (wanted('image')) {
      const t = await openPage(browser, 'http://127.0.0.1:8632/?nosw#data=fashion-mnist-subset&model=qdcnn&play=1',
                               'image-single');
      const s = await waitStatus(t.page, (s) => s.epoch >= 1 || s.error, 180000);
      check(s && s.epoch >= 1 && s.build === 'single-threaded', 'the single-threaded build trains an image model',
            s && `epoch ${s.epoch}, ${s.error}`);
      const later = s && await waitStatus(t.page, (s) => s.epoch >= 4 || s.error, 180000);
      if (s && later) {
        metrics.image_samples_per_second_single_after_epoch_1 = steadyRate(s, later);
        metrics.image_single_time_after_epoch_1 = timeShares(s, later);
      }
      if (s) Object.assign(metrics, {image_samples_per_second_single: s.samples_per_second,
                                     image_ui_ms_median_single: s.ui_ms_median,
                                     image_frame_ms_median_single: s.frame_ms_median});
      await t.finish();
    }
    // 9. The documentation page embeds the playground.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/docs/', 'docs');
      await t.page.waitForTimeout(200);
      const frame = t.page.frames().find((f) => f !== t.page.mainFrame());
      let s = null;
      for (let i = 0; frame && i < 200 && !(s && s.epoch > 0); i++) {
        s = await frame.evaluate(() => window.hqnnStatus || null).catch(() => null);
        await t.page.waitForTimeout(100);
      }
      check(s && s.epoch > 0, 'the docs page embeds a training playground', s && `epoch ${s.epoch}`);
      await t.page.screenshot({path: path.join(out, 'web-docs.png')});
      await t.finish();
    }
    // 10. Every guided lesson's link loads, trains and shows its panels without console errors.
    for (let n = 1; n <= 6 && wanted('all'); n++) {
      const t = await openPage(browser, `http://127.0.0.1:8631/#lesson=${n}`, `lesson-${n}`);
      const s = await waitStatus(t.page, (s) => (s.lesson === n && s.epoch >= 3) || s.error, 60000);
      check(s && s.lesson === n && s.epoch >= 3 && s.error === '', `lesson ${n} loads and trains`,
            s && `lesson ${s.lesson}, epoch ${s.epoch}, ${s.spec.model} on ${s.data} ${s.error}`);
      const expected = ['lesson', 'controls', 'curves', 'state', n === 6 ? 'arena' : 'diagnostics', 'boundary'];
      check(s && expected.every((p) => s.panels.includes(p)), `lesson ${n} shows its panels`, s && s.panels.join(','));
      check(s && new RegExp(`lesson=${n}(&|$)`).test(s.hash), `lesson ${n} stays in the link`, s && s.hash);
      if (n === 4) {
        const q = s && s.qubit_view;
        check(q && q.shown && q.qubits === 3 && q.cnots === 64 && q.gates > q.cnots,
              'lesson 4 opens the qubit view with the layer\'s counts', q && JSON.stringify(q));
        await t.page.screenshot({path: path.join(out, 'web-lesson-4.png')});
      }
      check(t.errors.length === 0, `no console errors in lesson ${n}`, t.errors.slice(0, 3).join(' | '));
      await t.finish();
    }
    // 11. The qubit view toggles on a width-16 QDFNN and counts its layer (docs/reproduction.md: 272 CNOTs).
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/#data=iris&model=qdfnn&L=2&width=16&play=1', 'qubits');
      const s = await waitStatus(t.page, (s) => s.epoch >= 1 && s.qubit_view.toggle[2] > 0, 30000);
      check(s && !s.qubit_view.shown, 'the qubit view starts off', s && JSON.stringify(s.qubit_view));
      const click = async (st) => {
        const [x, y, w, h] = st.qubit_view.toggle;
        await t.page.mouse.click(x + Math.min(w, h) / 2, y + h / 2);
      };
      if (s) await click(s);
      const on = await waitStatus(t.page, (s) => s.qubit_view.shown, 10000);
      const q = on && on.qubit_view;
      check(q && q.shown && q.qubits === 4 && q.cnots === 272 && q.depth > 0 && q.layer === 0,
            'the qubit view toggles on and shows the layer\'s counts', q && JSON.stringify(q));
      await t.page.screenshot({path: path.join(out, 'web-qubits.png')});
      if (on) await click(on);
      const off = await waitStatus(t.page, (s) => !s.qubit_view.shown, 10000);
      check(off && !off.qubit_view.shown, 'the qubit view toggles off');
      check(t.errors.length === 0, 'no console errors in the qubit view', t.errors.slice(0, 3).join(' | '));
      await t.finish();
    }
    // 12. The qubits documentation page embeds lesson 4 in the qubit view.
    if (wanted('all')) {
      const t = await openPage(browser, 'http://127.0.0.1:8631/docs/qubits.html', 'docs-qubits');
      await t.page.waitForTimeout(200);
      const frame = t.page.frames().find((f) => f !== t.page.mainFrame());
      let s = null;
      for (let i = 0; frame && i < 300 && !(s && s.epoch > 0 && s.qubit_view.shown); i++) {
        s = await frame.evaluate(() => window.hqnnStatus || null).catch(() => null);
        await t.page.waitForTimeout(100);
      }
      check(s && s.lesson === 4 && s.epoch > 0 && s.qubit_view.shown && s.panels.join(',') === 'lesson,state',
            'docs/qubits.html embeds lesson 4 in the qubit view', s && `lesson ${s.lesson}, panels ${s.panels}`);
      check(t.errors.length === 0, 'no console errors on the qubits page', t.errors.slice(0, 3).join(' | '));
      await t.page.screenshot({path: path.join(out, 'web-docs-qubits.png')});
      await t.finish();
    }
    }
    if (wanted('map')) await checkRobustnessMap(browser);
  } finally {
    await browser.close();
    isolated.kill();
    plain.kill();
  }
  // A filtered run writes its own file, so the full run's metrics stay whole.
  fs.writeFileSync(path.join(out, only ? `web-metrics-${only}.json` : 'web-metrics.json'),
                   JSON.stringify(metrics, null, 1) + '\n');
  console.log('metrics', JSON.stringify(metrics));
  console.log(failures ? `${failures} browser check(s) failed` : 'all browser checks passed');
  process.exit(failures);
}

main().catch((e) => { console.error(e); process.exit(100); });
