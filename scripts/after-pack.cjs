// electron-builder afterPack hook: the app is packed with the Electron build of better-sqlite3;
// restore the Node build before-pack.cjs set aside so the Node test suite keeps working.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const nodeBinary = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const savedBinary = path.join(root, '.tmp/better_sqlite3.node-abi.node');

exports.default = async function afterPack() {
  if (!fs.existsSync(savedBinary)) return;
  fs.copyFileSync(savedBinary, nodeBinary);
  fs.rmSync(savedBinary);
};
