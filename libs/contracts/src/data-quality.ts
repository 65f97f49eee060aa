/**
 * Data flags (数据标记) of HJ 212-2017 §6.6.4 table 8: what the analyser says about each value it reports. A reading
 * may carry one per metric (`"flags": {"cod": "D"}`); a metric without one is a normal measurement (N). The platform
 * stores a flagged value with its flag as its quality instead of dropping it — officers see a fault, a calibration
 * or an over-range value for what it is, and compliance means leave flagged values out (HJ 355/356).
 */
export const DATA_FLAGS = {
  N: { zh: '在线监控（监测）仪器仪表工作正常', en: 'instrument working normally' },
  F: { zh: '在线监控（监测）仪器仪表停运', en: 'instrument stopped' },
  M: { zh: '在线监控（监测）仪器仪表处于维护期间产生的数据', en: 'produced during maintenance' },
  S: { zh: '手工输入的设定值', en: 'value entered by hand' },
  D: { zh: '在线监控（监测）仪器仪表故障', en: 'instrument fault' },
  C: { zh: '在线监控（监测）仪器仪表处于校准状态', en: 'instrument calibrating' },
  T: { zh: '在线监控（监测）仪器仪表采样数值超过测量上限', en: 'sample above the measuring range' },
  B: { zh: '在线监控（监测）仪器仪表与数采仪通讯异常', en: 'instrument ↔ data logger communication failure' },
} as const;

export type DataFlag = keyof typeof DATA_FLAGS;

/**
 * A value's quality when it is not a normal measurement: every flag but N. Records, stores and the API carry only
 * these (N is the absence of a quality), so a normal value from an HJ 212 logger and one from any other device are
 * the same series, and the InfluxDB `quality` tag has at most seven values.
 */
export type DataQuality = Exclude<DataFlag, 'N'>;

export const DATA_QUALITIES = Object.keys(DATA_FLAGS).filter((f) => f !== 'N') as DataQuality[];

export function isDataFlag(value: unknown): value is DataFlag {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_FLAGS, value);
}

export function isDataQuality(value: unknown): value is DataQuality {
  return value !== 'N' && isDataFlag(value);
}
