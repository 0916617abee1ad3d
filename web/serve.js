#!/usr/bin/env node
// A static server for the playground site with the headers that make the page
// cross-origin isolated (COOP/COEP), so the threaded build can run.
//
//   node web/serve.js [dir=site] [port=8080] [--no-coi] [--host 127.0.0.1]
//
// --no-coi leaves the headers out (like a plain static host): the page then
// uses the single-threaded build, or the service worker when it is allowed.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--host'));
const root = path.resolve(positional[0] || 'site');
const port = Number(positional[1] || 8080);
const host = args.includes('--host') ? args[args.indexOf('--host') + 1] : '127.0.0.1';
const coi = !flags.has('--no-coi');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json', '.css': 'text/css', '.csv': 'text/csv', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.md': 'text/markdown; charset=utf-8', '.ico': 'image/x-icon',
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404, {'Content-Type': 'text/plain'}); res.end('not found\n'); return; }
    const headers = {'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache'};
    if (coi) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    res.writeHead(200, headers);
    res.end(data);
  });
});
server.listen(port, host, () => {
  console.log(`hqnn playground: http://${host}:${server.address().port}/  (serving ${root}, ` +
              `${coi ? 'cross-origin isolated: threaded build' : 'no COOP/COEP: single-threaded build or service worker'})`);
});
