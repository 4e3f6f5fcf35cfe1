// electron-builder beforePack hook: rebuild better-sqlite3 for Electron's ABI and the target arch.
// The dev/test install keeps Node's ABI (ARCHITECTURE.md); the Node binary is set aside here and
// put back by after-pack.cjs, so `npm test` still works after packaging.
const fs = require('node:fs');
const path = require('node:path');

const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];
const root = path.resolve(__dirname, '..');
const nodeBinary = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const savedBinary = path.join(root, '.tmp/better_sqlite3.node-abi.node');

exports.default = async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch];
  if (!arch) throw new Error(`beforePack: unknown arch ${context.arch}`);
  const electronVersion = require(path.join(root, 'node_modules/electron/package.json')).version;
  if (!fs.existsSync(savedBinary) && fs.existsSync(nodeBinary)) {
    fs.mkdirSync(path.dirname(savedBinary), { recursive: true });
    fs.copyFileSync(nodeBinary, savedBinary);
  }
  const { rebuild } = await import('@electron/rebuild');
  console.log(`  • rebuilding better-sqlite3 for Electron ${electronVersion} (${arch})`);
  await rebuild({ buildPath: root, electronVersion, arch, force: true, onlyModules: ['better-sqlite3'] });
};
