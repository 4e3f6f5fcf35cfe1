/**
 * The project compiles with TypeScript 7 (native `tsc`, no JavaScript compiler API), while
 * Stryker (its tsconfig preprocessor and @stryker-mutator/typescript-checker) needs the TypeScript 5
 * API. This loader hook, passed to Stryker's processes by scripts/mutations/stryker.mjs, hands
 * typescript@5.9 from scripts/mutations/ts5 (its own small package, installed by stryker.mjs, so the
 * root `tsc` stays TypeScript 7) to Stryker's own packages only; every other import of `typescript`
 * is left alone.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const ts5 = pathToFileURL(new URL('./ts5/node_modules/typescript/lib/typescript.js', import.meta.url).pathname).href;

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL && context.parentURL.includes('/node_modules/@stryker-mutator/')) {
    return next(${JSON.stringify(ts5)}, context);
  }
  return next(specifier, context);
}`),
  import.meta.url,
);
