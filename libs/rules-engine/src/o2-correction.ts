/**
 * Reference-oxygen correction of a flue-gas concentration, GB 13271-2014 §5.2 formula (1):
 *
 *     ρ = ρ′ × (21 − φ(O₂)) / (21 − φ′(O₂))
 *
 * ρ′ measured concentration (mg/m³), φ′(O₂) measured oxygen (%), φ(O₂) the reference oxygen for the source type.
 * Returns null when the measured oxygen leaves no positive denominator (≥ 21 %: air, or a broken analyser) —
 * such a value cannot be corrected and must not be judged.
 */
export function correctToReferenceO2(
  measured: number,
  measuredO2: number,
  referenceO2: number,
): number | null {
  const denominator = 21 - measuredO2;
  if (!Number.isFinite(denominator) || denominator <= 0) return null;
  return (measured * (21 - referenceO2)) / denominator;
}

/**
 * Reference oxygen content (基准氧含量, %) by boiler type, GB 13271-2014 §5.2:
 * coal-fired boilers 9 %, oil- and gas-fired boilers 3.5 %. (Not the 6 % of GB 13223-2011 for power plants.)
 * See docs/rules.md for how this was verified.
 */
export const GB13271_REFERENCE_O2 = { coal: 9, oil: 3.5, gas: 3.5 } as const;
