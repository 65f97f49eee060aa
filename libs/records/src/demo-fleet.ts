import type { ProcessLimitSettings } from './entities/device.entity';

/**
 * The simulator's demo fleet (simulators/fleets/demo.json) as the records know it: same ids, kinds, roles, lines
 * and enterprises. demo-seed.spec.ts fails when the two drift apart.
 */
export interface DemoFleetDevice {
  readonly id: string;
  readonly kind: string;
  readonly role?: string;
  readonly enterprise: 'demo-chem' | 'demo-mech';
  readonly line?: string;
  readonly expectedIntervalS: number;
  readonly name: string;
  readonly location: string;
  readonly permit?: Record<string, number>;
  /** The permit's reference O₂, %VOL (stack gas). */
  readonly permitO2Reference?: number;
  /** Normal running load, kW (production and pollution-control meters): the simulator's rated load. */
  readonly normalKw?: number;
  /**
   * Process safety set points per metric (tank and reactor instruments). Demo values around the simulator's
   * operating point, not a real installation's design values.
   */
  readonly processLimits?: Record<string, ProcessLimitSettings>;
}

export const DEMO_FLEET: readonly DemoFleetDevice[] = [
  {
    id: 'demo-gas-001',
    kind: 'combustible-gas',
    enterprise: 'demo-chem',
    expectedIntervalS: 10,
    name: '储罐区可燃气体探测器 1#',
    location: '储罐区 T-101 东侧',
  },
  {
    id: 'demo-gas-002',
    kind: 'combustible-gas',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 10,
    name: '合成车间可燃气体探测器 2#',
    location: '合成车间 反应釜 R-201 旁',
  },
  {
    id: 'demo-tox-001',
    kind: 'toxic-gas',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 10,
    name: '合成车间有毒气体探测器 1#',
    location: '合成车间 尾气吸收塔旁',
  },
  {
    id: 'demo-o2-001',
    kind: 'oxygen',
    enterprise: 'demo-chem',
    expectedIntervalS: 10,
    name: '污水池受限空间氧气探测器',
    location: '污水处理站 调节池入口',
  },
  {
    id: 'demo-meter-001',
    kind: 'power-meter',
    role: 'production',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 60,
    normalKw: 900,
    name: '合成车间一线生产总表',
    location: '10 kV 配电室 G3 柜',
  },
  {
    id: 'demo-meter-002',
    kind: 'power-meter',
    role: 'pollution-control',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 60,
    normalKw: 160,
    name: 'RTO 废气焚烧炉治污表',
    location: 'RTO 配电箱',
  },
  {
    id: 'demo-meter-003',
    kind: 'power-meter',
    role: 'general',
    enterprise: 'demo-chem',
    expectedIntervalS: 60,
    name: '综合楼总表',
    location: '综合楼配电间',
  },
  {
    id: 'demo-cems-001',
    kind: 'stack-gas',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 60,
    name: '导热油炉烟囱 CEMS',
    location: '锅炉房 DA001 排气筒',
    permit: { so2: 50, nox: 150, pm: 20 },
    // GB 13271-2014 §5.2: gas-fired boilers (the heater burns natural gas) are corrected to 3.5 % O₂.
    permitO2Reference: 3.5,
  },
  {
    id: 'demo-ww-001',
    kind: 'wastewater',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 60,
    name: '废水总排口在线监测',
    location: '污水处理站 DW001 总排口',
    // A direct discharge: GB 8978-1996 table 4, grade 1 (COD 100, NH₃-N 15 mg/L; phosphate as P 0.5 mg/L).
    permit: { cod: 100, nh3n: 15, tp: 0.5 },
  },
  {
    id: 'demo-temp-001',
    kind: 'temperature',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 30,
    name: '反应釜 R-201 温度',
    location: '合成车间 R-201',
    processLimits: { temp: { high: 95, highHigh: 105, low: 60, hysteresis: 2, delayMs: 30_000 } },
  },
  {
    id: 'demo-press-001',
    kind: 'pressure',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 30,
    name: '反应釜 R-201 压力',
    location: '合成车间 R-201',
    processLimits: { pressure: { high: 300, highHigh: 350, hysteresis: 10, delayMs: 10_000 } },
  },
  {
    id: 'demo-level-001',
    kind: 'liquid-level',
    enterprise: 'demo-chem',
    expectedIntervalS: 30,
    name: '储罐 T-101 液位',
    location: '储罐区 T-101',
    processLimits: { level: { high: 85, highHigh: 90, low: 15, lowLow: 10, hysteresis: 1, delayMs: 30_000 } },
  },
  {
    id: 'demo-smoke-001',
    kind: 'smoke',
    enterprise: 'demo-chem',
    expectedIntervalS: 60,
    name: '甲类仓库感烟探测器',
    location: '甲类仓库 1#',
  },
  {
    id: 'demo-flame-001',
    kind: 'smoke',
    enterprise: 'demo-chem',
    expectedIntervalS: 60,
    name: '储罐区火焰探测器',
    location: '储罐区 T-101 防火堤',
  },
  {
    id: 'demo-sis-001',
    kind: 'safety-io',
    enterprise: 'demo-chem',
    line: 'synthesis-1',
    expectedIntervalS: 10,
    name: '合成车间安全联锁信号（急停、防火门、紧急切断阀）',
    location: '合成车间 控制室 SIS 机柜',
  },
  {
    id: 'demo-meter-101',
    kind: 'power-meter',
    role: 'production',
    enterprise: 'demo-mech',
    line: 'machining-1',
    expectedIntervalS: 60,
    normalKw: 420,
    name: '机加工线生产总表',
    location: '车间配电房 1AA',
  },
  {
    id: 'demo-meter-102',
    kind: 'power-meter',
    role: 'pollution-control',
    enterprise: 'demo-mech',
    line: 'machining-1',
    expectedIntervalS: 60,
    normalKw: 45,
    name: '喷涂废气处理治污表',
    location: '喷涂房 活性炭吸附装置',
  },
  {
    id: 'demo-temp-101',
    kind: 'temperature',
    enterprise: 'demo-mech',
    expectedIntervalS: 60,
    name: '车间环境温度',
    location: '机加工车间 北墙',
  },
  {
    id: 'demo-smoke-101',
    kind: 'smoke',
    enterprise: 'demo-mech',
    expectedIntervalS: 60,
    name: '喷涂房感烟探测器',
    location: '喷涂房',
  },
];
