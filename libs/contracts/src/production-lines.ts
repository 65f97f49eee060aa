/**
 * A production line as people name it. A device's `line` is the key the rules group a line's meters by (the
 * treatment-power rule compares a line's production and treatment draw), typed by whoever provisions the device —
 * a name (`一号合成车间`) or a code (`synthesis-1`, `line-2`, `L01`). Screens, alerts, notifications and reports say
 * the line in words: a name as it is, a code in words (`合成 1 号线`, `2 号生产线`), never the bare code in the
 * Chinese interface. The code itself stays the key. Pure module.
 */

export interface LineName {
  readonly zh: string;
  readonly en: string;
}

/** The words of a line code's prefix: a process, or a word that means no more than "line". */
const PREFIX_WORDS: Readonly<Record<string, LineName | null>> = {
  line: null,
  l: null,
  pl: null,
  prod: null,
  production: null,
  synthesis: { zh: '合成', en: 'Synthesis' },
  machining: { zh: '机加工', en: 'Machining' },
  assembly: { zh: '装配', en: 'Assembly' },
  packaging: { zh: '包装', en: 'Packaging' },
  coating: { zh: '涂装', en: 'Coating' },
  painting: { zh: '喷涂', en: 'Painting' },
  welding: { zh: '焊接', en: 'Welding' },
  casting: { zh: '铸造', en: 'Casting' },
  stamping: { zh: '冲压', en: 'Stamping' },
  printing: { zh: '印刷', en: 'Printing' },
  dyeing: { zh: '印染', en: 'Dyeing' },
  weaving: { zh: '织造', en: 'Weaving' },
  mixing: { zh: '混料', en: 'Mixing' },
  drying: { zh: '干燥', en: 'Drying' },
  extrusion: { zh: '挤出', en: 'Extrusion' },
  moulding: { zh: '成型', en: 'Moulding' },
  molding: { zh: '成型', en: 'Moulding' },
  finishing: { zh: '后整理', en: 'Finishing' },
};

const HAS_CJK = /[\u3400-\u9fff]/;
const CODE = /^([a-z]+)?[-_ ]?0*(\d+)$/i;

/**
 * The line in words: a name with Chinese in it as typed; a code `<prefix>-<n>` as `<process> n 号线` (`合成 1 号线`)
 * or, when the prefix only means "line" or there is none, `n 号生产线`; any other code as `生产线 <code>`, so it
 * is at least called a line.
 */
export function productionLineName(line: string): LineName {
  const text = line.trim();
  if (HAS_CJK.test(text)) return { zh: text, en: text };
  const match = CODE.exec(text);
  if (match) {
    const prefix = match[1]?.toLowerCase();
    const n = Number(match[2]);
    const words =
      prefix === undefined ? null : Object.hasOwn(PREFIX_WORDS, prefix) ? PREFIX_WORDS[prefix] : undefined;
    if (words) return { zh: `${words.zh} ${n} 号线`, en: `${words.en} line ${n}` };
    if (words === null) return { zh: `${n} 号生产线`, en: `Line ${n}` };
  }
  return { zh: `生产线 ${text}`, en: `Line ${text}` };
}
