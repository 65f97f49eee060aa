/** The spreadsheet columns of each importable kind: field, the Chinese header we write, and headers we accept. */
import {
  QUALIFICATION_LEVEL_NAMES,
  QUALIFICATION_TYPE_NAMES,
  type ImportKind,
  type QualificationLevel,
  type QualificationType,
} from '@park/contracts';

/**
 * `date`: YYYY-MM-DD (also YYYY/M/D), or an Excel date cell (read as YYYY-MM-DD, spreadsheet.ts). `choice`: one of
 * the column's `choices`, written in Chinese on export and read back from the Chinese name, an alias or the code.
 */
export type CellType = 'text' | 'number' | 'integer' | 'boolean' | 'json' | 'date' | 'choice';

export interface ColumnSpec {
  readonly field: string;
  /** Header written on export (Chinese, with the unit). */
  readonly header: string;
  readonly aliases: readonly string[];
  readonly type: CellType;
  readonly required?: boolean;
  /** A `choice` column's values: code → the Chinese name written on export, then other names accepted. */
  readonly choices?: Readonly<Record<string, readonly string[]>>;
}

const col = (
  field: string,
  header: string,
  type: CellType,
  aliases: string[] = [],
  required = false,
): ColumnSpec => ({
  field,
  header,
  type,
  aliases: [field, header, ...aliases],
  required,
});

const choice = (
  field: string,
  header: string,
  choices: Readonly<Record<string, readonly string[]>>,
  aliases: string[] = [],
  required = false,
): ColumnSpec => ({ ...col(field, header, 'choice', aliases, required), choices });

/** 资质类型 as the bureaus' lists write them: the name first (what the export writes), then short forms. */
const QUALIFICATION_TYPE_CHOICES: Readonly<Record<QualificationType, readonly string[]>> = {
  'high-tech-enterprise': [QUALIFICATION_TYPE_NAMES['high-tech-enterprise'], '高企', '国家高新技术企业'],
  'specialized-sme': [QUALIFICATION_TYPE_NAMES['specialized-sme'], '专精特新', '专精特新企业'],
  'little-giant': [
    QUALIFICATION_TYPE_NAMES['little-giant'],
    '小巨人',
    '专精特新小巨人',
    '专精特新"小巨人"企业',
  ],
  'tech-sme': [QUALIFICATION_TYPE_NAMES['tech-sme'], '科小', '科技型中小企业'],
  listed: [QUALIFICATION_TYPE_NAMES.listed, '上市企业'],
  quoted: [QUALIFICATION_TYPE_NAMES.quoted, '挂牌企业', '新三板挂牌'],
};
const QUALIFICATION_LEVEL_CHOICES: Readonly<Record<QualificationLevel, readonly string[]>> = {
  national: [QUALIFICATION_LEVEL_NAMES.national, '国家'],
  provincial: [QUALIFICATION_LEVEL_NAMES.provincial, '省'],
  municipal: [QUALIFICATION_LEVEL_NAMES.municipal, '市'],
};

export const COLUMNS: Record<ImportKind, readonly ColumnSpec[]> = {
  enterprises: [
    col('creditCode', '统一社会信用代码', 'text', ['信用代码', '社会信用代码'], true),
    col('name', '企业名称', 'text', ['名称', '单位名称'], true),
    col('industryCode', '行业代码', 'text', ['国民经济行业代码', '行业分类代码']),
    col('carrierCode', '所在载体编号', 'text', ['载体编号']),
    col('contactName', '联系人', 'text'),
    col('contactPhone', '联系电话', 'text', ['电话']),
    col('address', '地址', 'text', ['注册地址', '企业地址']),
    col('aboveScale', '规上企业', 'boolean', ['规模以上', '规上']),
    col('highTech', '高新技术企业', 'boolean', ['高企', '高新技术']),
    col('listed', '上市企业', 'boolean', ['上市']),
    col('revenueOver100m', '销售过亿', 'boolean', ['营收亿元以上']),
    col('manufacturer', '制造业', 'boolean'),
    col('coreIndustry', '一主两优', 'boolean'),
    col('incubating', '在孵科创项目', 'boolean', ['在孵']),
  ],
  indicators: [
    col('creditCode', '统一社会信用代码', 'text', ['信用代码'], true),
    col('year', '年度', 'integer', ['年份'], true),
    col('revenue', '营业收入（万元）', 'number', ['营业收入', '营收']),
    col('taxableSales', '应税销售（万元）', 'number', ['应税销售', '应税销售收入']),
    col('tax', '税收（万元）', 'number', ['税收', '纳税', '实缴税金']),
    col('rdExpense', '研发投入（万元）', 'number', ['研发投入', '研发费用']),
    col('inventionPatents', '发明专利（件）', 'integer', ['发明专利', '有效发明专利']),
    col('output', '工业总产值（万元）', 'number', ['工业总产值', '产值']),
    col('highTechOutput', '高新技术产业产值（万元）', 'number', ['高新技术产业产值', '高新产值']),
    col('highTechInvestment', '高新技术投资（万元）', 'number', ['高新技术投资']),
    col('energyTce', '综合能耗（吨标准煤）', 'number', ['综合能耗', '能耗']),
    col('employees', '从业人员（人）', 'integer', ['从业人员', '职工人数']),
  ],
  parcels: [
    col('code', '地块编号', 'text', ['宗地编号'], true),
    col('name', '地块名称', 'text', ['名称'], true),
    col('areaMu', '面积（亩）', 'number', ['面积', '用地面积'], true),
    col('landUse', '用地性质', 'text', ['土地用途'], true),
    col('owner', '权属人', 'text', ['土地使用权人']),
    col('enterpriseCreditCode', '使用企业信用代码', 'text', ['企业信用代码']),
    col('carrierCode', '所在载体编号', 'text', ['载体编号']),
    col('inefficient', '低效用地', 'boolean'),
    col('revitalizedYear', '盘活年度', 'integer'),
    col('certificateNo', '不动产权证号', 'text', ['土地证号', '国有土地使用证号', '权证号']),
    col('transferDate', '出让日期', 'date', ['土地出让日期']),
    col('transferTermYears', '出让年限（年）', 'integer', ['出让年限', '使用年限']),
    col('plotRatio', '容积率', 'number'),
    col('investmentIntensity', '投资强度（万元/亩）', 'number', ['投资强度']),
    col('contractNo', '出让合同编号', 'text', ['合同编号', '产业协议编号']),
    col('contractTerms', '合同约定条款', 'text', ['合同条款', '约定条款', '产业协议条款']),
    col('geometry', '边界（GeoJSON）', 'json', ['边界', 'GeoJSON']),
  ],
  qualifications: [
    col('creditCode', '统一社会信用代码', 'text', ['信用代码', '社会信用代码'], true),
    choice('type', '资质类型', QUALIFICATION_TYPE_CHOICES, ['资质', '认定类型'], true),
    choice('level', '级别', QUALIFICATION_LEVEL_CHOICES, ['认定级别']),
    col('certificateNo', '证书编号', 'text', ['证书号', '证券代码', '股票代码'], true),
    col('issuedOn', '发证日期', 'date', ['认定日期', '上市日期', '挂牌日期'], true),
    col('expiresOn', '有效期至', 'date', ['到期日期', '有效期']),
    col('note', '备注', 'text'),
  ],
  carriers: [
    col('code', '载体编号', 'text', [], true),
    col('name', '载体名称', 'text', ['名称'], true),
    col('floorAreaM2', '可租赁面积（平方米）', 'number', ['可租赁面积', '产业空间面积', '建筑面积'], true),
    col('operator', '运营主体', 'text'),
    col('address', '地址', 'text'),
  ],
  // The fields of a device's provisioning (CreateDeviceDto), its enterprise by credit code; no credential column:
  // a new device's MQTT password is issued by the import and shown once, an existing device keeps its own.
  devices: [
    col('id', '设备编号', 'text', ['设备ID', 'MQTT用户名'], true),
    col('name', '设备名称', 'text', ['名称'], true),
    col('enterpriseCreditCode', '所属企业信用代码', 'text', ['企业信用代码', '统一社会信用代码'], true),
    col('kind', '设备类型', 'text', ['类型'], true),
    col('role', '电表用途', 'text', ['用途', '计量用途']),
    col('line', '生产线', 'text', ['产线']),
    col('location', '安装位置', 'text', ['位置', '排放口']),
    col('expectedIntervalS', '上报间隔（秒）', 'integer', ['上报间隔', '上报周期']),
    col('permitLimits', '排放限值（JSON）', 'json', ['排放限值', '许可限值']),
    col('permitO2Reference', '基准氧含量（%）', 'number', ['基准氧含量', '基准氧']),
    col('normalKw', '正常负荷（kW）', 'number', ['正常负荷']),
    col('processLimits', '工艺报警设定（JSON）', 'json', ['工艺报警设定', '工艺限值']),
  ],
};

/** Header text compared without spaces, case, and a trailing unit in brackets: "面积(亩)" = "面积（亩）" = "面积". */
export function normalizeHeader(h: string): string {
  return h
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]$/, '')
    .toLowerCase();
}

export function columnFor(kind: ImportKind, header: string): ColumnSpec | undefined {
  const n = normalizeHeader(header);
  return COLUMNS[kind].find((c) => c.aliases.some((a) => normalizeHeader(a) === n));
}
