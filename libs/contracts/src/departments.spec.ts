import { canEdit, DEPARTMENT_EDITS, DEPARTMENTS, EDIT_AREAS } from './departments';

describe('departments and what each may edit', () => {
  it('lets admin edit every area, and nobody else without a department', () => {
    for (const area of EDIT_AREAS) {
      expect(canEdit({ role: 'admin' }, area)).toBe(true);
      expect(canEdit({ role: 'operator' }, area)).toBe(false);
      expect(canEdit({ role: 'officer' }, area)).toBe(false);
      expect(canEdit({ role: 'staff', department: null }, area)).toBe(false);
      expect(canEdit({ role: 'staff', department: 'nonsense' }, area)).toBe(false);
    }
  });

  it('lets staff edit exactly the areas of their department', () => {
    expect(canEdit({ role: 'staff', department: 'planning' }, 'parcels')).toBe(true);
    expect(canEdit({ role: 'staff', department: 'planning' }, 'indicators')).toBe(false);
    expect(canEdit({ role: 'staff', department: 'tax' }, 'indicators')).toBe(true);
    expect(canEdit({ role: 'staff', department: 'tax' }, 'enterprises')).toBe(false);
    expect(canEdit({ role: 'staff', department: 'environment' }, 'permits')).toBe(true);
    expect(canEdit({ role: 'staff', department: 'safety' }, 'permits')).toBe(false);
    for (const department of DEPARTMENTS)
      for (const area of EDIT_AREAS)
        expect(canEdit({ role: 'staff', department }, area)).toBe(
          DEPARTMENT_EDITS[department].includes(area),
        );
  });

  it('admits the other roles a route names for its area', () => {
    expect(canEdit({ role: 'officer' }, 'projects', ['officer'])).toBe(true);
  });

  it('gives every area to some department', () => {
    const covered = new Set(DEPARTMENTS.flatMap((d) => DEPARTMENT_EDITS[d]));
    expect([...covered].sort()).toEqual([...EDIT_AREAS].sort());
  });
});
