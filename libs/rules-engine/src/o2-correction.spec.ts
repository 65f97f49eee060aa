import { GB13271_REFERENCE_O2, correctToReferenceO2 } from './o2-correction';

describe('correctToReferenceO2 (GB 13271-2014 §5.2)', () => {
  it('scales by (21 − reference) / (21 − measured)', () => {
    expect(correctToReferenceO2(80, 13, 9)).toBe(120);
    expect(correctToReferenceO2(100, 3.5, 3.5)).toBe(100);
    expect(correctToReferenceO2(30, 10.5, 3.5)).toBeCloseTo(50, 10);
  });

  it('gives no value when the measured O₂ leaves no positive denominator', () => {
    expect(correctToReferenceO2(80, 21, 9)).toBeNull();
    expect(correctToReferenceO2(80, 22, 9)).toBeNull();
    expect(correctToReferenceO2(80, Number.NaN, 9)).toBeNull();
  });

  it('uses the boiler reference values of GB 13271-2014, not the power-plant 6 %', () => {
    expect(GB13271_REFERENCE_O2).toEqual({ coal: 9, oil: 3.5, gas: 3.5 });
  });
});
