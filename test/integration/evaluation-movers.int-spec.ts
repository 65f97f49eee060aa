/**
 * The 亩均 evaluation's grade movers, history and benchmarks on the real PostgreSQL: seven enterprises on 10 亩 each
 * with known indicator rows for 2023 and 2024 (nothing else in the park), so every figure below is worked by hand.
 *
 * 2023 (benchmarks from 2023 itself: no 2022 rows) — 2 × the mean of 税收/亩 20, 15, 12, 10, 6, 8 = 23.67 万元/亩,
 * of 应税销售/亩 200, 200, 180, 150, 90, 100 = 306.67, of 产值/能耗 20, 20, 18, 15, 9, 10 = 30.67 万元/tce.
 * 2024 is scored against the same (2023 graded six ≥ 3): 甲's tax falls from 200 to 90 万元 and it stops reporting
 * energy; 庚 reports sales but no tax; 己 reports for the first time.
 */
import type { INestApplication } from '@nestjs/common';
import { hashSecret } from '@park/auth';
import type { EvaluationBenchmarks, EvaluationHistory, GradeMovers } from '@park/contracts';
import {
  creditCodeCheckChar,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  UserRepository,
} from '@park/records';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'evaluation-movers-password';

/** [key, name, 2023 tax/sales/energy, 2024 tax/sales/energy]; output = sales; null = not reported. */
type Year = [tax: number | null, sales: number, energyTce: number | null] | null;
const FIRMS: [string, string, Year, Year][] = [
  ['a', '甲精密', [200, 2000, 100], [90, 2000, null]],
  ['b', '乙电子', [150, 2000, 100], [150, 2000, 100]],
  ['c', '丙材料', [120, 1800, 100], [120, 1800, 100]],
  ['d', '丁机械', [100, 1500, 100], [100, 1500, 100]],
  ['e', '戊纺织', [60, 900, 100], [60, 900, 100]],
  ['g', '庚化工', [80, 1000, 100], [null, 1000, 100]],
  ['f', '己新能', null, [110, 1200, 100]],
];

describe('亩均 grade movers and history on the real PostgreSQL', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let officer: Caller;
  let manager: Caller;
  const ids = new Map<string, string>();
  const names = new Map<string, string>();

  beforeAll(async () => {
    env = await createTestEnvironment('movers');
    const suffix = env.runId.slice(-6);
    for (const [i, [key, name, y2023, y2024]] of FIRMS.entries()) {
      const body17 = `91320681MA1MW${String(i).padStart(3, '0')}A`;
      const enterprise = await env.records.getRepository(EnterpriseEntity).save({
        name: `${name} ${suffix}`,
        creditCode: body17 + creditCodeCheckChar(body17),
      });
      ids.set(key, enterprise.id);
      names.set(key, enterprise.name);
      await env.records.getRepository(LandParcelEntity).save({
        code: `MV-${suffix}-${key}`,
        name: `${name}地块`,
        areaMu: 10,
        landUse: '工业用地',
        enterpriseId: enterprise.id,
      });
      for (const [year, figures] of [
        [2023, y2023],
        [2024, y2024],
      ] as const)
        if (figures)
          await env.records.getRepository(EnterpriseIndicatorEntity).save({
            enterpriseId: enterprise.id,
            year,
            tax: figures[0],
            taxableSales: figures[1],
            output: figures[1],
            energyTce: figures[2],
          });
    }
    const users = new UserRepository(env.records);
    const passwordHash = await hashSecret(PASSWORD);
    await users.create({
      username: 'officer',
      displayName: '值班员',
      passwordHash,
      role: 'officer',
      enterpriseId: null,
    });
    await users.create({
      username: 'manager',
      displayName: '甲的能源管理员',
      passwordHash,
      role: 'energy-manager',
      enterpriseId: ids.get('a')!,
    });
    let url: string;
    ({ app, url } = await startRecordsApi(env));
    officer = caller(url, await login(url, 'officer', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('lists who moved from 2023 to 2024, the drop explained by 税收/亩 and the energy 甲 stopped reporting', async () => {
    const res = await officer('GET', '/api/analytics/evaluation/movers?year=2024');
    expect(res.status).toBe(200);
    const id = (k: string) => ids.get(k)!;
    const name = (k: string) => names.get(k)!;
    expect(res.body as GradeMovers).toEqual({
      year: 2024,
      previousYear: 2023,
      graded: 6,
      previousGraded: 6,
      moves: [
        {
          kind: 'down',
          id: id('a'),
          name: name('a'),
          from: 'A',
          to: 'C',
          scoreFrom: 73.9,
          scoreTo: 39.94,
          rankFrom: 1,
          rankTo: 5,
          reasons: [
            // 20/23.67 × 45 = 38.03 → 9/23.67 × 45 = 17.11
            {
              indicator: 'taxPerMu',
              unit: '万元/亩',
              valueFrom: 20,
              valueTo: 9,
              pointsFrom: 38.03,
              pointsTo: 17.11,
              pointsChange: -20.92,
            },
            // Not reported in 2024: it adds nothing, and stays null — not 0.
            {
              indicator: 'outputPerEnergy',
              unit: '万元/tce',
              valueFrom: 20,
              valueTo: null,
              pointsFrom: 13.04,
              pointsTo: null,
              pointsChange: -13.04,
            },
          ],
        },
        // Same figures, same benchmarks, same score: 丁 and 乙 rose because 甲 fell — no indicator explains it
        // (rises in 拼音 order of their names: 丁 ding before 乙 yi).
        {
          kind: 'up',
          id: id('d'),
          name: name('d'),
          from: 'C',
          to: 'B',
          scoreFrom: 45.92,
          scoreTo: 45.92,
          rankFrom: 4,
          rankTo: 3,
          reasons: [],
        },
        {
          kind: 'up',
          id: id('b'),
          name: name('b'),
          from: 'B',
          to: 'A',
          scoreFrom: 64.39,
          scoreTo: 64.39,
          rankFrom: 2,
          rankTo: 1,
          reasons: [],
        },
        { kind: 'left', id: id('g'), name: name('g'), from: 'C', scoreFrom: 33.15, cause: 'not-reported' },
        { kind: 'entered', id: id('f'), name: name('f'), to: 'C', scoreTo: 42.44, cause: 'not-listed' },
      ],
    });
  });

  it('has nothing to compare 2023 with: everyone graded entered, nobody graded the year before', async () => {
    const body = (await officer('GET', '/api/analytics/evaluation/movers?year=2023')).body as GradeMovers;
    expect([body.graded, body.previousGraded]).toEqual([6, 0]);
    expect(body.moves.map((m) => [m.kind, m.kind === 'entered' && m.cause])).toEqual(
      Array.from({ length: 6 }, () => ['entered', 'not-listed']),
    );
  });

  it("gives 甲's grade year by year, with each year's figures, points and population", async () => {
    const res = await officer('GET', `/api/analytics/evaluation/enterprises/${ids.get('a')}/history`);
    expect(res.status).toBe(200);
    const history = res.body as EvaluationHistory;
    expect(history.enterpriseId).toBe(ids.get('a'));
    expect(history.name).toBe(names.get('a'));
    expect(
      history.years.map((y) => [
        y.year,
        y.graded,
        y.evaluation?.grade,
        y.evaluation?.score,
        y.evaluation?.rank,
        y.evaluation?.values.taxPerMu,
        y.evaluation?.values.outputPerEnergy,
        y.evaluation?.points.outputPerEnergy,
      ]),
    ).toEqual([
      [2023, 6, 'A', 73.9, 1, 20, 20, 13.04],
      [2024, 6, 'C', 39.94, 5, 9, null, null],
    ]);
    // Each year carries its move from the year before, as the movers list words it.
    expect(history.years[0].move).toBeNull();
    expect(history.years[1].move).toMatchObject({ kind: 'down', from: 'A', to: 'C' });
    expect(
      history.years[1].move?.kind === 'down' && history.years[1].move.reasons.map((r) => r.indicator),
    ).toEqual(['taxPerMu', 'outputPerEnergy']);
    // 己 has no 2023 row: the year is there, its evaluation null.
    const newcomer = (await officer('GET', `/api/analytics/evaluation/enterprises/${ids.get('f')}/history`))
      .body as EvaluationHistory;
    expect(newcomer.years.map((y) => [y.year, y.evaluation?.grade ?? null, y.move?.kind ?? null])).toEqual([
      [2023, null, null],
      [2024, 'C', 'entered'],
    ]);
  });

  it('says what 2024 is held to: 2023’s benchmarks and each grade’s lowest score', async () => {
    const body = (await officer('GET', '/api/analytics/evaluation/benchmarks?year=2024'))
      .body as EvaluationBenchmarks;
    expect(body).toMatchObject({
      year: 2024,
      basisYear: 2023,
      benchmarkFactor: 2,
      weights: { taxPerMu: 45, salesPerMu: 35, outputPerEnergy: 20, outputPerMu: 0, rdIntensity: 0 },
      gradeFloors: { A: 64.39, B: 45.92, C: 39.94, D: 27.55 },
    });
    expect(body.benchmarks.taxPerMu).toBeCloseTo(71 / 3, 6);
    expect(body.benchmarks.salesPerMu).toBeCloseTo(920 / 3, 6);
    expect(body.benchmarks.outputPerEnergy).toBeCloseTo(92 / 3, 6);
    expect(body.benchmarks.rdIntensity).toBeNull();
  });

  it("lets an energy manager read their own enterprise's history only, and no movers", async () => {
    expect(
      (await manager('GET', `/api/analytics/evaluation/enterprises/${ids.get('a')}/history`)).status,
    ).toBe(200);
    const theirs = await manager('GET', `/api/analytics/evaluation/enterprises/${ids.get('b')}/history`);
    expect(theirs.status).toBe(404);
    expect(theirs.text).not.toContain(names.get('b'));
    expect((await manager('GET', '/api/analytics/evaluation/movers?year=2024')).status).toBe(403);
    expect((await manager('GET', '/api/analytics/evaluation/benchmarks?year=2024')).status).toBe(403);
  });

  it('refuses a year that is not one and an id that is not a uuid, and answers 404 for no such enterprise', async () => {
    const bad = await officer('GET', '/api/analytics/evaluation/movers?year=last');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('year');
    expect((await officer('GET', '/api/analytics/evaluation/movers')).status).toBe(400);
    expect((await officer('GET', '/api/analytics/evaluation/enterprises/甲/history')).status).toBe(400);
    expect(
      (
        await officer(
          'GET',
          '/api/analytics/evaluation/enterprises/00000000-0000-0000-0000-000000000000/history',
        )
      ).status,
    ).toBe(404);
  });
});
