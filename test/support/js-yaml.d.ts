/**
 * The part of js-yaml 4 the deploy-files test uses (it is in node_modules through @eslint/eslintrc; no @types
 * package is installed, and none is needed for two functions).
 */
declare module 'js-yaml' {
  export function load(text: string): unknown;
  export function loadAll(text: string): unknown[];
}
