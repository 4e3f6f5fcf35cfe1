// typescript-eslint for the ESLint process only. It (and ts-api-utils, which npm hoists to the
// root) load TypeScript's JS API, which TypeScript 7 (the project's compiler) does not have yet:
// inside ESLint, `require('typescript')` resolves to this package's TypeScript 5.
const Module = require('node:module');

const typescript5 = require.resolve('typescript');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === 'typescript' ? typescript5 : request, ...rest);
};

module.exports = require('typescript-eslint');
