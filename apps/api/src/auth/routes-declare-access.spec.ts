import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API_CONTROLLERS } from '../api.module';
import { ALERT_LINK_KEY, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/** Walks every REST route: each must declare @Public(), @Roles(...) or @AlertLinkAccess(), so "forgot auth" cannot ship. */
function routes() {
  const out: { route: string; roles: unknown; isPublic: unknown; alertLink: unknown }[] = [];
  for (const controller of API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      out.push({
        route: `${method} /${base}/${path}`.replace(/\/+$/, '').replace(/\/\//g, '/'),
        roles: Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller),
        isPublic: Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller),
        alertLink:
          Reflect.getMetadata(ALERT_LINK_KEY, handler) ?? Reflect.getMetadata(ALERT_LINK_KEY, controller),
      });
    }
  }
  return out;
}

describe('every API route declares who may use it', () => {
  const all = routes();

  it('finds the routes (the walk itself works)', () => {
    expect(all.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'GET /api/alerts',
        'POST /api/alerts/:id/acknowledge',
        'GET /health',
        'GET /api/enterprises',
        'POST /api/enterprises',
        'PUT /api/enterprises/:id/indicators/:year',
        'GET /api/parcels/map',
        'POST /api/carriers/:id/tenants',
        'PUT /api/admission-list/:code',
        'POST /api/devices',
        'POST /api/devices/:id/disable',
        'POST /api/users',
        'POST /api/imports/:kind',
        'GET /api/exports/:kind',
        'GET /api/analytics/progress',
        'GET /api/audit',
        'GET /api/telemetry/series',
        'GET /api/energy/summary',
        'GET /api/energy/summary.csv',
        'POST /api/display-tokens',
        'POST /api/display-tokens/exchange',
        'DELETE /api/display-tokens/:id',
        'GET /api/wall/summary',
        'GET /api/wall/alerts',
        'GET /api/wall/progress',
        'POST /api/auth/logout',
        'POST /api/users/:id/sign-out',
      ]),
    );
  });

  it.each(all.map((r) => [r.route, r] as const))(
    '%s declares @Public(), @Roles(...) or @AlertLinkAccess()',
    (_route, r) => {
      const declared =
        r.isPublic === true || r.alertLink === true || (Array.isArray(r.roles) && r.roles.length > 0);
      expect(declared).toBe(true);
    },
  );

  it('lets a signed alert link open, acknowledge and resolve its alert, and nothing else', () => {
    expect(
      all
        .filter((r) => r.alertLink === true)
        .map((r) => r.route)
        .sort(),
    ).toEqual([
      'GET /api/alert-links/:token',
      'POST /api/alert-links/:token/acknowledge',
      'POST /api/alert-links/:token/resolve',
    ]);
    expect(all.filter((r) => r.alertLink === true && (r.isPublic === true || r.roles))).toEqual([]);
  });

  it('only login, health and the display-token exchange are public', () => {
    expect(
      all
        .filter((r) => r.isPublic === true)
        .map((r) => r.route)
        .sort(),
    ).toEqual(['GET /health', 'POST /api/auth/login', 'POST /api/display-tokens/exchange']);
  });

  it('lets a wall display (the display role) read the wall and nothing else', () => {
    expect(
      all
        .filter((r) => Array.isArray(r.roles) && (r.roles as string[]).includes('display'))
        .map((r) => r.route)
        .sort(),
    ).toEqual(['GET /api/wall/alerts', 'GET /api/wall/progress', 'GET /api/wall/summary']);
  });
});
