import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { API_CONTROLLERS } from '../api.module';
import { isEditArea } from '@park/auth';
import { ALERT_LINK_KEY, EDITS_KEY, PUBLIC_KEY, ROLES_KEY, SOURCE_KEY_KEY } from './auth.decorators';

/**
 * Walks every REST route: each must declare @Public(), @Roles(...), @Edits(area), @AlertLinkAccess() or @SourceKey(), so "forgot
 * auth" cannot ship; a write that admits staff names the area their department must be allowed to edit.
 */
function routes() {
  const out: {
    route: string;
    roles: unknown;
    isPublic: unknown;
    alertLink: unknown;
    sourceKey: unknown;
    edits: unknown;
  }[] = [];
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
        sourceKey:
          Reflect.getMetadata(SOURCE_KEY_KEY, handler) ?? Reflect.getMetadata(SOURCE_KEY_KEY, controller),
        edits: Reflect.getMetadata(EDITS_KEY, handler) ?? Reflect.getMetadata(EDITS_KEY, controller),
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
    '%s declares @Public(), @Roles(...), @Edits(area), @AlertLinkAccess() or @SourceKey()',
    (_route, r) => {
      const declared =
        r.isPublic === true ||
        r.alertLink === true ||
        r.sourceKey === true ||
        (Array.isArray(r.roles) && r.roles.length > 0);
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

  it('lets a source system’s key send figures to the inbound route, and nothing else', () => {
    expect(all.filter((r) => r.sourceKey === true).map((r) => r.route)).toEqual([
      'POST /api/exchange/v1/figures',
    ]);
    expect(
      all.filter((r) => r.sourceKey === true && (r.isPublic === true || r.alertLink === true || r.roles)),
    ).toEqual([]);
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

  it('names real edit areas on every @Edits route, and admits admin and staff there', () => {
    const edits = all.filter((r) => r.edits !== undefined);
    expect(edits.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        'PATCH /api/parcels/:id',
        'PUT /api/enterprises/:id/indicators/:year',
        'POST /api/carriers/:id/tenants',
        'PUT /api/admission-list/:code',
      ]),
    );
    for (const r of edits) {
      expect(Array.isArray(r.edits) && (r.edits as unknown[]).length > 0).toBe(true);
      expect((r.edits as unknown[]).every(isEditArea)).toBe(true);
      expect(r.roles).toEqual(expect.arrayContaining(['admin', 'staff']));
    }
  });

  it('lets staff write only through @Edits routes (their department decides), besides signing out', () => {
    expect(
      all
        .filter(
          (r) =>
            !r.route.startsWith('GET ') &&
            Array.isArray(r.roles) &&
            (r.roles as string[]).includes('staff') &&
            r.edits === undefined,
        )
        .map((r) => r.route)
        .sort(),
    ).toEqual(['POST /api/auth/logout', 'POST /api/reports', 'POST /api/rules/:id/dry-run']); // a report and a dry run write nothing
  });
});
