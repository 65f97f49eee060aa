import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths that belong to the API itself; everything else without a file extension is a web-app route. */
const API_PATHS = /^\/(api|socket\.io|health)(\/|$)/;
const HAS_EXTENSION = /\/[^/]*\.[^/]*$/;
const SOURCE_MAP = /\.map$/i;

/**
 * The built web app (`npm run build:web` → `<repo>/dist/web`), found from this file whether it runs as source
 * (apps/api/src) or compiled (dist/apps/api/src): the first folder up that holds package.json is the repository.
 * Null when the app has not been built; the API then serves only the API.
 */
export function findWebRoot(from: string = __dirname): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const root = join(dir, 'dist', 'web');
      return existsSync(join(root, 'index.html')) ? root : null;
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Serves the web app from `webRoot` on the API's port: its files as they are (hashed assets cached for a year,
 * index.html never cached), and index.html for any other GET outside /api, /socket.io and /health, so a deep
 * link such as /alerts/<id> loads the app, which then routes in the browser.
 *
 * Source maps (`*.map`) are answered 404 unless `serveSourceMaps`: they hand anyone the app's whole source with
 * its comments. The build makes none by default (apps/web/vite.config.mts); this holds even for a build that
 * did (WEB_SOURCEMAP=true for debugging) and was deployed by mistake.
 */
export function serveWebApp(
  app: NestExpressApplication,
  webRoot: string,
  options: { readonly serveSourceMaps: boolean } = { serveSourceMaps: false },
): void {
  if (!options.serveSourceMaps) {
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (SOURCE_MAP.test(req.path) && !API_PATHS.test(req.path)) {
        res.status(404).json({ code: 'NOT_FOUND', message: 'not found' });
        return;
      }
      next();
    });
  }
  app.useStaticAssets(webRoot, {
    index: false,
    fallthrough: true,
    setHeaders: (res: Response, path: string) => {
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(webRoot, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const indexHtml = join(webRoot, 'index.html');
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PATHS.test(req.path) || HAS_EXTENSION.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml, (error?: Error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  new Logger('WebStatic').log(`serving the web app from ${webRoot}`);
}
