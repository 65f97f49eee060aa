import {
  actualRows,
  checkActualForm,
  checkAdvance,
  checkMilestoneForm,
  checkProjectForm,
  EMPTY_PROJECT_FORM,
  shareOf,
} from './project-form';

const TODAY = '2026-12-07';
const project = {
  stage: 'started' as const,
  stageDates: { signed: '2024-08-08', started: '2025-03-15', completed: null, producing: null },
};

describe('project forms', () => {
  it('names every missing field of a new project and refuses a signing after today and a negative amount', () => {
    const empty = checkProjectForm(EMPTY_PROJECT_FORM, TODAY);
    expect(empty.ok).toBe(false);
    if (empty.ok) return;
    expect(Object.keys(empty.errors).sort()).toEqual([
      'department',
      'enterpriseId',
      'name',
      'ownerName',
      'signedOn',
    ]);
    const wrong = checkProjectForm(
      {
        ...EMPTY_PROJECT_FORM,
        name: '项目',
        enterpriseId: 'e1',
        signedOn: '2026-12-08',
        promisedTax: '-3',
        ownerName: '陆建华',
        department: '经济发展局',
      },
      TODAY,
    );
    expect(wrong).toEqual({
      ok: false,
      errors: {
        signedOn: { key: 'records.edit.error.future' },
        promisedTax: { key: 'records.edit.error.number' },
      },
    });
  });

  it('sends a blank amount as null (未约定) and the parcel as null when none is picked', () => {
    const checked = checkProjectForm(
      {
        ...EMPTY_PROJECT_FORM,
        name: ' 扩建项目 ',
        enterpriseId: 'e1',
        signedOn: '2026-03-01',
        promisedInvestment: '12,000',
        ownerName: '陆建华',
        department: '经济发展局',
      },
      TODAY,
    );
    expect(checked).toEqual({
      ok: true,
      body: {
        name: '扩建项目',
        enterpriseId: 'e1',
        parcelId: null,
        signedOn: '2026-03-01',
        promisedInvestment: 12000,
        promisedSales: null,
        promisedTax: null,
        ownerName: '陆建华',
        department: '经济发展局',
        note: null,
      },
    });
  });

  it('advances to the next stage only, on a day between the current stage and today', () => {
    expect(checkAdvance(project, '2026-01-10', TODAY)).toEqual({
      ok: true,
      body: { stage: 'completed', on: '2026-01-10' },
    });
    expect(checkAdvance(project, '2025-03-01', TODAY)).toEqual({
      ok: false,
      errors: { on: { key: 'projects.error.beforeStage', params: { date: '2025-03-15' } } },
    });
    expect(checkAdvance(project, '2026-12-08', TODAY)).toMatchObject({ ok: false });
    expect(checkAdvance(project, '2026-02-30', TODAY)).toMatchObject({ ok: false });
    expect(checkAdvance({ ...project, stage: 'producing' }, '2026-01-10', TODAY)).toMatchObject({
      ok: false,
    });
  });

  it('refuses a milestone due before the signing, and a year of actuals outside the project’s years', () => {
    expect(
      checkMilestoneForm(
        { title: '封顶', dueOn: '2024-01-01', ownerName: '黄', department: '规划' },
        '2024-08-08',
      ),
    ).toEqual({
      ok: false,
      errors: { dueOn: { key: 'projects.error.beforeSigning', params: { date: '2024-08-08' } } },
    });
    expect(
      checkActualForm({ year: '2023', investment: '1', sales: '', tax: '' }, '2024-08-08', TODAY),
    ).toEqual({
      ok: false,
      errors: { year: { key: 'projects.error.yearRange', params: { min: 2024, max: 2026 } } },
    });
    expect(
      checkActualForm({ year: '2025', investment: '1', sales: '', tax: '' }, '2024-08-08', TODAY),
    ).toEqual({
      ok: true,
      body: { year: 2025, figures: { investment: 1, sales: null, tax: null } },
    });
  });

  it('accumulates the investment over the years and leaves a year not reported as null, not 0', () => {
    const rows = actualRows(
      {
        stageDates: project.stageDates,
        actuals: [
          { year: 2024, investment: 1200, sales: null, tax: null, updatedAt: '' },
          { year: 2026, investment: 800, sales: 300, tax: 20, updatedAt: '' },
        ],
      },
      TODAY,
    );
    expect(rows).toEqual([
      { year: 2024, investment: 1200, cumulativeInvestment: 1200, sales: null, tax: null },
      { year: 2025, investment: null, cumulativeInvestment: 1200, sales: null, tax: null },
      { year: 2026, investment: 800, cumulativeInvestment: 2000, sales: 300, tax: 20 },
    ]);
    expect(shareOf(2000, 30000)).toBe(7);
    expect(shareOf(null, 30000)).toBeNull();
    expect(shareOf(5, null)).toBeNull();
  });
});
