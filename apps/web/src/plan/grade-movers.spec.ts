import { translate, type Language, type MessageKey, type MessageParams } from '../i18n/messages';
import {
  benchmarkOrder,
  moveLines,
  moverCounts,
  reasonText,
  shownReasons,
  type Translate,
} from './grade-movers';
import type { GradeMove, MoveReason } from './plan-api';

const tIn =
  (language: Language): Translate =>
  (key: MessageKey, params?: MessageParams) =>
    translate(language, key, params);
const zh = tIn('zh-CN');
const en = tIn('en');
const years = { from: 2023, to: 2024 };
const counts = { previousGraded: 37, graded: 40 };

const reason = (over: Partial<MoveReason>): MoveReason => ({
  indicator: 'taxPerMu',
  unit: '万元/亩',
  valueFrom: 18.2,
  valueTo: 9.6,
  pointsFrom: 30,
  pointsTo: 15.83,
  pointsChange: -14.17,
  ...over,
});

describe('grade movers in words', () => {
  it('says which indicator fell, from what to what, with its unit and the points it cost', () => {
    expect(reasonText(reason({}), years, zh, 'zh-CN')).toBe(
      '亩均税收由 18.2 万元/亩 降至 9.6 万元/亩（−14.17 分）',
    );
    expect(reasonText(reason({}), years, en, 'en')).toBe(
      'Tax per mu fell from 18.2 10k CNY/mu to 9.6 10k CNY/mu (−14.17 pts)',
    );
  });

  it('says 未上报 for a figure not reported, never 0, and words energy per 吨标准煤', () => {
    const stopped = reason({
      indicator: 'outputPerEnergy',
      unit: '万元/tce',
      valueFrom: 5,
      valueTo: null,
      pointsFrom: 10,
      pointsTo: null,
      pointsChange: -10,
    });
    expect(reasonText(stopped, years, zh, 'zh-CN')).toBe(
      '单位能耗产值 2023 年为 5 万元/吨标准煤，2024 年未上报（−10 分）',
    );
    const started = reason({
      valueFrom: null,
      valueTo: 12,
      pointsFrom: null,
      pointsTo: 20,
      pointsChange: 20,
    });
    expect(reasonText(started, years, zh, 'zh-CN')).toBe(
      '亩均税收 2023 年未上报，2024 年为 12 万元/亩（+20 分）',
    );
  });

  it('says a rise, and a figure that held while its benchmark moved', () => {
    const rose = reason({ valueFrom: 9.6, valueTo: 18.2, pointsChange: 14.17 });
    expect(reasonText(rose, years, zh, 'zh-CN')).toBe(
      '亩均税收由 9.6 万元/亩 升至 18.2 万元/亩（+14.17 分）',
    );
    const held = reason({ valueFrom: 10, valueTo: 10, pointsChange: 3.5 });
    expect(reasonText(held, years, zh, 'zh-CN')).toBe('亩均税收持平于 10 万元/亩，评价基准变了（+3.5 分）');
  });

  it('words a drop with its score and rank, and a drop by rank alone', () => {
    const down: GradeMove = {
      kind: 'down',
      id: 'x',
      name: '甲',
      from: 'A',
      to: 'C',
      scoreFrom: 73.9,
      scoreTo: 39.94,
      rankFrom: 1,
      rankTo: 5,
      reasons: [reason({})],
    };
    expect(moveLines(down, years, counts, zh, 'zh-CN')).toEqual([
      '得分 73.9 分 → 39.94 分，排名第 1 → 第 5',
      '亩均税收由 18.2 万元/亩 降至 9.6 万元/亩（−14.17 分）',
    ]);
    expect(moveLines({ ...down, reasons: [] }, years, counts, zh, 'zh-CN')[1]).toBe(
      '得分未降，因其他企业得分超过而排名下降',
    );
  });

  it('words who entered or left the graded, with the cause in the year it applies to', () => {
    const entered: GradeMove = {
      kind: 'entered',
      id: 'f',
      name: '己',
      to: 'C',
      scoreTo: 42.44,
      cause: 'not-listed',
    };
    expect(moveLines(entered, years, counts, zh, 'zh-CN')).toEqual([
      '得分 42.44 分；2023 年未上报税收与销售',
    ]);
    const left: GradeMove = {
      kind: 'left',
      id: 'g',
      name: '庚',
      from: 'C',
      scoreFrom: 33.15,
      cause: 'not-reported',
    };
    expect(moveLines(left, years, counts, zh, 'zh-CN')).toEqual([
      '2023 年得分 33.15 分；2024 年税收或销售未上报',
    ]);
    expect(moveLines(left, years, counts, en, 'en')).toEqual([
      'Score 33.15 pts in 2023; tax or sales not reported for 2024',
    ]);
    expect(moverCounts([entered, left, left])).toEqual({ down: 0, up: 0, left: 2, entered: 1 });
  });

  it('says when a rise came from the rank share, the rank itself having fallen in a bigger field', () => {
    const up: GradeMove = {
      kind: 'up',
      id: 'n',
      name: '新诚',
      from: 'C',
      to: 'B',
      scoreFrom: 24.17,
      scoreTo: 25.64,
      rankFrom: 23,
      rankTo: 24,
      reasons: [reason({ valueFrom: 4.36, valueTo: 4.99, pointsChange: 0.85 })],
    };
    expect(moveLines(up, years, counts, zh, 'zh-CN')[1]).toBe(
      '等级按排名占比划分：参评企业 37 家 → 40 家，排名占比 62.2 % → 60 %',
    );
  });

  it('shows the main reason and those at least a quarter as large; a figure equal as shown held', () => {
    const main = reason({ pointsChange: -8 });
    const second = reason({ indicator: 'salesPerMu', pointsChange: -2 });
    const drift = reason({ indicator: 'outputPerEnergy', unit: '万元/tce', pointsChange: -0.01 });
    expect(shownReasons([main, second, drift])).toEqual([main, second]);
    const same = reason({
      indicator: 'outputPerEnergy',
      unit: '万元/tce',
      valueFrom: 22.888,
      valueTo: 22.886,
    });
    expect(reasonText({ ...same, pointsChange: 0.01 }, years, zh, 'zh-CN')).toBe(
      '单位能耗产值持平于 22.89 万元/吨标准煤，评价基准变了（+0.01 分）',
    );
  });

  it('lists the weighted indicators first, heaviest first', () => {
    expect(
      benchmarkOrder({ taxPerMu: 45, salesPerMu: 35, outputPerMu: 0, outputPerEnergy: 20, rdIntensity: 0 }),
    ).toEqual(['taxPerMu', 'salesPerMu', 'outputPerEnergy', 'outputPerMu', 'rdIntensity']);
  });
});
