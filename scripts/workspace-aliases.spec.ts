/**
 * The workspace's layout is written down for several tools: TypeScript (tsconfig.json `paths`), SWC (.swcrc, the
 * build), Jest (jest.config.js `moduleNameMapper`), the Nest CLI (nest-cli.json) and the web app (its tsconfig and
 * vite.config.mts). tsconfig.json is the one declaration; this check fails when another tool disagrees with it or
 * when an app or library folder is missing from it, so a new library is one line in tsconfig.json plus what this
 * test then asks for.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(__dirname, '..');
const json = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
type Paths = Record<string, string[]>;
interface CompilerOptions {
  readonly compilerOptions: { readonly paths: Paths };
}
const folders = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

const declared = json<CompilerOptions>('tsconfig.json').compilerOptions.paths;
/** The Nest apps: every app folder but the web app, which is React, built by Vite. */
const nestApps = () => folders('apps').filter((name) => name !== 'web');

describe('workspace aliases: tsconfig.json declares them, every other tool agrees', () => {
  it('declares @park/<name> → libs/<name>/src for every library and @apps/<name> → apps/<name>/src for every Nest app, and nothing else', () => {
    const expected: Paths = Object.fromEntries([
      ...folders('libs').map((name): [string, string[]] => [`@park/${name}`, [`libs/${name}/src`]]),
      // An app's public entry: what another app (the standalone mode) composes it from, instead of reaching into
      // its files.
      ...nestApps().map((name): [string, string[]] => [`@apps/${name}`, [`apps/${name}/src`]]),
    ]);
    expect(declared).toEqual(expected);
    for (const [, [path]] of Object.entries(declared))
      expect(existsSync(join(root, path, 'index.ts'))).toBe(true);
  });

  it('has SWC (the build) resolve the same aliases', () => {
    expect(json<{ jsc: { paths: Paths } }>('.swcrc').jsc.paths).toEqual(declared);
  });

  it('has Jest map every alias to the same folder', () => {
    const { projects } = createRequire(__filename)(join(root, 'jest.config.js')) as {
      projects: { displayName: string; moduleNameMapper: Record<string, string> }[];
    };
    for (const project of projects) {
      const mappers = Object.entries(project.moduleNameMapper).map(([pattern, to]) => ({
        pattern: new RegExp(pattern),
        to,
      }));
      for (const [alias, [path]] of Object.entries(declared)) {
        const mapper = mappers.find((m) => m.pattern.test(alias));
        expect({
          project: project.displayName,
          alias,
          to: mapper && alias.replace(mapper.pattern, mapper.to),
        }).toEqual({
          project: project.displayName,
          alias,
          to: `<rootDir>/${path}`,
        });
      }
    }
  });

  it('lists every Nest app (each with its main.ts) and every library in nest-cli.json', () => {
    const { projects } = json<{
      projects: Record<string, { type: string; root: string; sourceRoot: string; entryFile: string }>;
    }>('nest-cli.json');
    const apps = nestApps();
    for (const name of apps) {
      expect(projects[name]).toMatchObject({
        type: 'application',
        root: `apps/${name}`,
        sourceRoot: `apps/${name}/src`,
      });
      expect(existsSync(join(root, `apps/${name}/src/${projects[name].entryFile}.ts`))).toBe(true);
    }
    for (const name of folders('libs'))
      expect(projects[name]).toMatchObject({
        type: 'library',
        root: `libs/${name}`,
        sourceRoot: `libs/${name}/src`,
      });
    expect(Object.keys(projects).sort()).toEqual([...apps, ...folders('libs')].sort());
  });

  it('has the web app alias only libraries tsconfig.json declares, the same in its tsconfig and in Vite', () => {
    const web = json<CompilerOptions>('apps/web/tsconfig.json').compilerOptions.paths;
    for (const [alias, [path]] of Object.entries(web))
      expect(join('apps/web', path)).toBe(declared[alias]?.[0]);
    // Vite resolves what the browser bundle imports at run time (type-only imports need no alias).
    const vite = readFileSync(join(root, 'apps/web/vite.config.mts'), 'utf8');
    const aliases = [...vite.matchAll(/'(@park\/[a-z0-9-]+)': here\('([^']+)'\)/g)];
    expect(aliases.length).toBeGreaterThan(0);
    for (const [, alias, path] of aliases) {
      expect(web[alias]).toBeDefined();
      expect(join('apps/web', path)).toBe(join(declared[alias][0], 'index.ts'));
    }
  });
});
