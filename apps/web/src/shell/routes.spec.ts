import { matchRoute, navigationOf, routesFor } from './routes';

describe('routes', () => {
  const routes = routesFor('officer');

  it('matches a screen and passes the rest of the path as parameters', () => {
    expect(matchRoute('/alerts', routes)?.route.id).toBe('alerts');
    expect(matchRoute('/alerts/6f1c2d3e-0000-4000-8000-000000000001', routes)?.params).toEqual([
      '6f1c2d3e-0000-4000-8000-000000000001',
    ]);
  });

  it('does not match a path that only starts like a screen, or nothing at all', () => {
    expect(matchRoute('/alertsx', routes)).toBeNull();
    expect(matchRoute('/', routes)).toBeNull();
  });

  it('survives a malformed escape in the address bar', () => {
    expect(matchRoute('/alerts/%E0%A4%A', routes)?.params).toEqual([]);
  });

  it('offers the alerts console to every role (read-only for some)', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const) {
      expect(routesFor(role).map((r) => r.id)).toContain('alerts');
    }
  });

  it('offers the plan dashboard to the roles GET /api/analytics/* serves, not to energy managers', () => {
    for (const role of ['admin', 'officer', 'operator'] as const) {
      expect(matchRoute('/plan', routesFor(role))?.route.id).toBe('plan');
    }
    expect(matchRoute('/plan', routesFor('energy-manager'))).toBeNull();
  });

  it('opens the plan tasks at /plan/tasks (not the dashboard) for park staff, with the year and indicator', () => {
    for (const role of ['admin', 'officer', 'operator'] as const) {
      expect(matchRoute('/plan/tasks', routesFor(role))?.route.id).toBe('plan-tasks');
      expect(matchRoute('/plan/tasks/2026/invention-patents', routesFor(role))).toMatchObject({
        route: { id: 'plan-tasks' },
        params: ['2026', 'invention-patents'],
      });
      expect(matchRoute('/plan', routesFor(role))?.route.id).toBe('plan');
    }
    expect(matchRoute('/plan/tasks', routesFor('energy-manager'))).toBeNull();
  });

  it('offers the energy page to every role GET /api/energy/summary serves, with the enterprise as a parameter', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/energy', routesFor(role))?.route.id).toBe('energy');
    }
    expect(matchRoute('/energy/6f1c2d3e-0000-4000-8000-000000000001', routes)?.params).toEqual([
      '6f1c2d3e-0000-4000-8000-000000000001',
    ]);
  });

  it('offers the enterprise records to every role GET /api/enterprises serves, with the enterprise as a parameter', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/enterprises', routesFor(role))?.route.id).toBe('enterprises');
    }
    expect(matchRoute('/enterprises/6f1c2d3e-0000-4000-8000-000000000001', routes)?.params).toEqual([
      '6f1c2d3e-0000-4000-8000-000000000001',
    ]);
  });

  it('offers the land parcels to every role GET /api/parcels serves, the carriers to park roles only', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/parcels', routesFor(role))?.route.id).toBe('parcels');
    }
    for (const role of ['admin', 'officer', 'operator'] as const) {
      expect(matchRoute('/carriers', routesFor(role))?.route.id).toBe('carriers');
    }
    expect(matchRoute('/carriers', routesFor('energy-manager'))).toBeNull();
    expect(matchRoute('/parcels/6f1c2d3e-0000-4000-8000-000000000001', routes)?.params).toEqual([
      '6f1c2d3e-0000-4000-8000-000000000001',
    ]);
  });

  it('offers device administration to admins only', () => {
    expect(matchRoute('/admin/devices', routesFor('admin'))?.route.id).toBe('admin-devices');
    for (const role of ['officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/admin/devices', routesFor(role))).toBeNull();
    }
  });

  it('offers user and display-token administration to admins only', () => {
    expect(matchRoute('/admin/users', routesFor('admin'))?.route.id).toBe('admin-users');
    expect(matchRoute('/admin/display-tokens', routesFor('admin'))?.route.id).toBe('admin-display-tokens');
    for (const role of ['officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/admin/users', routesFor(role))).toBeNull();
      expect(matchRoute('/admin/display-tokens', routesFor(role))).toBeNull();
    }
  });

  it('offers rule editing and spreadsheet import to admins only, as POST/PUT /api/rules and /api/imports allow', () => {
    expect(matchRoute('/admin/rules', routesFor('admin'))?.route.id).toBe('admin-rules');
    expect(matchRoute('/admin/imports', routesFor('admin'))?.route.id).toBe('admin-imports');
    for (const role of ['officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/admin/rules', routesFor(role))).toBeNull();
      expect(matchRoute('/admin/imports', routesFor(role))).toBeNull();
    }
  });

  it('offers notification channels and webhooks to admins only, as /api/notification-channels and /api/webhooks allow', () => {
    expect(matchRoute('/admin/notifications', routesFor('admin'))?.route.id).toBe('admin-notifications');
    expect(matchRoute('/admin/webhooks', routesFor('admin'))?.route.id).toBe('admin-webhooks');
    for (const role of ['officer', 'operator', 'energy-manager'] as const) {
      expect(matchRoute('/admin/notifications', routesFor(role))).toBeNull();
      expect(matchRoute('/admin/webhooks', routesFor(role))).toBeNull();
    }
  });

  it('offers 重点项目 to every signed-in role GET /api/projects serves, with a project id or the supervision list', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const)
      expect(matchRoute('/projects', routesFor(role))?.route.id).toBe('projects');
    expect(matchRoute('/projects/supervision', routesFor('officer'))?.params).toEqual(['supervision']);
    expect(matchRoute('/projects', routesFor('display'))).toBeNull();
  });

  it('offers 惠企政策 to every signed-in role GET /api/policies serves, with a policy id or the new form', () => {
    for (const role of ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const)
      expect(matchRoute('/policies', routesFor(role))?.route.id).toBe('policies');
    expect(matchRoute('/policies/new', routesFor('admin'))?.params).toEqual(['new']);
    expect(matchRoute('/policies', routesFor('display'))).toBeNull();
  });

  it('puts the park’s records and the administration’s screens in two menus, so an admin’s top bar fits a 1366-px screen', () => {
    const admin = navigationOf(routesFor('admin'));
    expect(admin.links.map((r) => r.id)).toEqual([
      'alerts',
      'alert-statistics',
      'plan',
      'plan-tasks',
      'energy',
      'projects',
      'policies',
      'devices',
      'reports',
      'duty',
    ]);
    expect(admin.admin.map((r) => r.path)).toEqual([
      '/admin/devices',
      '/admin/users',
      '/admin/display-tokens',
      '/admin/rules',
      '/admin/imports',
      '/admin/notifications',
      '/admin/webhooks',
      '/admin/exchange',
      '/audit',
    ]);
    expect(admin.records.map((r) => r.path)).toEqual(['/enterprises', '/parcels', '/carriers']);
    expect(navigationOf(routesFor('officer')).admin).toEqual([]);
    expect(navigationOf(routesFor('energy-manager')).records.map((r) => r.id)).toEqual([
      'enterprises',
      'parcels',
    ]);
  });

  it('offers the alarm statistics to every role GET /api/alerts/statistics serves, apart from the console', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const)
      expect(matchRoute('/alert-statistics', routesFor(role))?.route.id).toBe('alert-statistics');
    // An alert id in the console's address is never taken for the statistics, nor the other way round.
    expect(matchRoute('/alerts/statistics', routes)?.route.id).toBe('alerts');
  });

  it('offers 数据交换 in the administration menu to admins and staff (the API’s readers), no one else', () => {
    for (const role of ['admin', 'staff'] as const) {
      expect(matchRoute('/admin/exchange', routesFor(role))?.route.id).toBe('exchange');
      expect(navigationOf(routesFor(role)).admin.map((r) => r.id)).toContain('exchange');
    }
    for (const role of ['officer', 'operator', 'energy-manager'] as const)
      expect(matchRoute('/admin/exchange', routesFor(role))).toBeNull();
  });

  it('offers 值班与升级 to the park staff the duty routes serve, never to an energy manager', () => {
    for (const role of ['admin', 'officer', 'operator'] as const)
      expect(matchRoute('/duty', routesFor(role))?.route.id).toBe('duty');
    expect(matchRoute('/duty', routesFor('energy-manager'))).toBeNull();
  });

  it('offers the read-only devices page to every signed-in role but the wall, as GET /api/device-states allows', () => {
    for (const role of ['admin', 'officer', 'operator', 'energy-manager'] as const)
      expect(routesFor(role).map((r) => r.id)).toContain('devices');
  });

  it('opens the device and rule administration to the staff whose department edits them, as @Edits does', () => {
    for (const department of ['safety', 'environment'] as const) {
      const staff = routesFor({ role: 'staff', department });
      expect(matchRoute('/admin/devices', staff)?.route.id).toBe('admin-devices');
      expect(matchRoute('/admin/rules', staff)?.route.id).toBe('admin-rules');
      expect(matchRoute('/admin/users', staff)).toBeNull();
      expect(navigationOf(staff).admin.map((r) => r.id)).toEqual([
        'admin-devices',
        'admin-rules',
        'exchange',
      ]);
    }
    for (const department of ['economy', 'tax'] as const) {
      const staff = routesFor({ role: 'staff', department });
      expect(matchRoute('/admin/devices', staff)).toBeNull();
      expect(matchRoute('/admin/rules', staff)).toBeNull();
    }
    expect(matchRoute('/admin/devices', routesFor({ role: 'staff', department: null }))).toBeNull();
    expect(matchRoute('/admin/rules', routesFor('officer'))).toBeNull();
  });
});
