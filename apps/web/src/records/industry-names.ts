/**
 * GB/T 4754-2017 (国民经济行业分类) names for the web app: every division (大类, 2 digits) and the classes (小类,
 * 4 digits) the park's records use, in Chinese and English. A code of 3 or 4 digits is named by its class when the
 * table has it, else by its division — a name a reader understands, with the code beside it. Pure module (no DOM).
 */
import type { Language } from '../i18n/messages';

type Names = readonly [zh: string, en: string];

const DIVISIONS: Readonly<Record<string, Names>> = {
  '01': ['农业', 'Agriculture'],
  '02': ['林业', 'Forestry'],
  '03': ['畜牧业', 'Animal husbandry'],
  '04': ['渔业', 'Fishery'],
  '05': ['农、林、牧、渔专业及辅助性活动', 'Agricultural support activities'],
  '06': ['煤炭开采和洗选业', 'Coal mining and washing'],
  '07': ['石油和天然气开采业', 'Oil and gas extraction'],
  '08': ['黑色金属矿采选业', 'Ferrous metal ore mining'],
  '09': ['有色金属矿采选业', 'Non-ferrous metal ore mining'],
  '10': ['非金属矿采选业', 'Non-metallic mineral mining'],
  '11': ['开采专业及辅助性活动', 'Mining support activities'],
  '12': ['其他采矿业', 'Other mining'],
  '13': ['农副食品加工业', 'Agricultural food processing'],
  '14': ['食品制造业', 'Food manufacturing'],
  '15': ['酒、饮料和精制茶制造业', 'Liquor, beverages and refined tea'],
  '16': ['烟草制品业', 'Tobacco products'],
  '17': ['纺织业', 'Textiles'],
  '18': ['纺织服装、服饰业', 'Apparel and clothing'],
  '19': ['皮革、毛皮、羽毛及其制品和制鞋业', 'Leather, fur, feathers and footwear'],
  '20': ['木材加工和木、竹、藤、棕、草制品业', 'Wood, bamboo, rattan, palm and straw products'],
  '21': ['家具制造业', 'Furniture'],
  '22': ['造纸和纸制品业', 'Paper and paper products'],
  '23': ['印刷和记录媒介复制业', 'Printing and reproduction of recorded media'],
  '24': ['文教、工美、体育和娱乐用品制造业', 'Stationery, crafts, sports and toys'],
  '25': ['石油、煤炭及其他燃料加工业', 'Petroleum, coal and other fuel processing'],
  '26': ['化学原料和化学制品制造业', 'Chemical raw materials and products'],
  '27': ['医药制造业', 'Pharmaceuticals'],
  '28': ['化学纤维制造业', 'Chemical fibres'],
  '29': ['橡胶和塑料制品业', 'Rubber and plastic products'],
  '30': ['非金属矿物制品业', 'Non-metallic mineral products'],
  '31': ['黑色金属冶炼和压延加工业', 'Ferrous metal smelting and rolling'],
  '32': ['有色金属冶炼和压延加工业', 'Non-ferrous metal smelting and rolling'],
  '33': ['金属制品业', 'Metal products'],
  '34': ['通用设备制造业', 'General-purpose equipment'],
  '35': ['专用设备制造业', 'Special-purpose equipment'],
  '36': ['汽车制造业', 'Motor vehicles'],
  '37': [
    '铁路、船舶、航空航天和其他运输设备制造业',
    'Railway, ship, aerospace and other transport equipment',
  ],
  '38': ['电气机械和器材制造业', 'Electrical machinery and equipment'],
  '39': ['计算机、通信和其他电子设备制造业', 'Computers, communication and other electronic equipment'],
  '40': ['仪器仪表制造业', 'Instruments and meters'],
  '41': ['其他制造业', 'Other manufacturing'],
  '42': ['废弃资源综合利用业', 'Recycling of waste resources'],
  '43': ['金属制品、机械和设备修理业', 'Repair of metal products, machinery and equipment'],
  '44': ['电力、热力生产和供应业', 'Electricity and heat supply'],
  '45': ['燃气生产和供应业', 'Gas supply'],
  '46': ['水的生产和供应业', 'Water supply'],
  '47': ['房屋建筑业', 'Building construction'],
  '48': ['土木工程建筑业', 'Civil engineering'],
  '49': ['建筑安装业', 'Construction installation'],
  '50': ['建筑装饰、装修和其他建筑业', 'Building decoration and other construction'],
  '51': ['批发业', 'Wholesale'],
  '52': ['零售业', 'Retail'],
  '53': ['铁路运输业', 'Rail transport'],
  '54': ['道路运输业', 'Road transport'],
  '55': ['水上运输业', 'Water transport'],
  '56': ['航空运输业', 'Air transport'],
  '57': ['管道运输业', 'Pipeline transport'],
  '58': ['多式联运和运输代理业', 'Multimodal transport and forwarding'],
  '59': ['装卸搬运和仓储业', 'Handling and warehousing'],
  '60': ['邮政业', 'Postal services'],
  '61': ['住宿业', 'Accommodation'],
  '62': ['餐饮业', 'Catering'],
  '63': ['电信、广播电视和卫星传输服务', 'Telecommunications, broadcasting and satellite transmission'],
  '64': ['互联网和相关服务', 'Internet and related services'],
  '65': ['软件和信息技术服务业', 'Software and IT services'],
  '66': ['货币金融服务', 'Monetary and financial services'],
  '67': ['资本市场服务', 'Capital market services'],
  '68': ['保险业', 'Insurance'],
  '69': ['其他金融业', 'Other financial services'],
  '70': ['房地产业', 'Real estate'],
  '71': ['租赁业', 'Leasing'],
  '72': ['商务服务业', 'Business services'],
  '73': ['研究和试验发展', 'Research and experimental development'],
  '74': ['专业技术服务业', 'Professional technical services'],
  '75': ['科技推广和应用服务业', 'Technology promotion and application services'],
  '76': ['水利管理业', 'Water conservancy'],
  '77': ['生态保护和环境治理业', 'Ecological protection and environmental treatment'],
  '78': ['公共设施管理业', 'Public facilities management'],
  '79': ['土地管理业', 'Land management'],
  '80': ['居民服务业', 'Residential services'],
  '81': ['机动车、电子产品和日用产品修理业', 'Repair of vehicles, electronics and household goods'],
  '82': ['其他服务业', 'Other services'],
  '83': ['教育', 'Education'],
  '84': ['卫生', 'Health'],
  '85': ['社会工作', 'Social work'],
  '86': ['新闻和出版业', 'News and publishing'],
  '87': ['广播、电视、电影和录音制作业', 'Radio, television, film and sound recording'],
  '88': ['文化艺术业', 'Culture and arts'],
  '89': ['体育', 'Sports'],
  '90': ['娱乐业', 'Entertainment'],
  '91': ['中国共产党机关', 'Communist Party of China organs'],
  '92': ['国家机构', 'State organs'],
  '93': ['人民政协、民主党派', 'CPPCC and democratic parties'],
  '94': ['社会保障', 'Social security'],
  '95': ['群众团体、社会团体和其他成员组织', 'Mass and social organisations'],
  '96': ['基层群众自治组织及其他组织', 'Grass-roots self-governing organisations'],
  '97': ['国际组织', 'International organisations'],
};

/** The classes the demo park and the admission list use; add a class here when the records start using it. */
const CLASSES: Readonly<Record<string, Names>> = {
  '1762': ['针织或钩针编织物印染精加工', 'Dyeing and finishing of knitted fabrics'],
  '2221': ['机制纸及纸板制造', 'Machine-made paper and paperboard'],
  '2511': ['原油加工及石油制品制造', 'Crude oil processing and petroleum products'],
  '2614': ['有机化学原料制造', 'Organic chemical raw materials'],
  '2720': ['化学药品制剂制造', 'Chemical drug preparations'],
  '2761': ['生物药品制造', 'Biological medicines'],
  '2929': ['其他塑料制品制造', 'Other plastic products'],
  '3110': ['炼铁', 'Iron smelting'],
  '3499': ['其他通用设备制造业', 'Other general-purpose equipment'],
  '3599': ['其他专用设备制造', 'Other special-purpose equipment'],
  '3737': ['海洋工程装备制造', 'Offshore engineering equipment'],
  '3976': ['光电子器件制造', 'Optoelectronic devices'],
  '3982': ['电子电路制造', 'Electronic circuits'],
};

/** The name of a GB/T 4754 code in `language`: its class if known, else its division; null for an unknown code. */
export function industryName(code: string, language: Language): string | null {
  const names = CLASSES[code] ?? DIVISIONS[code.slice(0, 2)];
  if (!names) return null;
  return language === 'en' ? names[1] : names[0];
}

/** "有机化学原料制造（2614）" / "Organic chemical raw materials (2614)"; the code alone if it has no name; "—" for none. */
export function industryLabel(code: string | null, language: Language): string {
  if (!code) return '—';
  const name = industryName(code, language);
  if (!name) return code;
  return language === 'en' ? `${name} (${code})` : `${name}（${code}）`;
}

/** Every GB/T 4754 division (大类) as a filter option: the 2-digit code and its name in `language`, by code. */
export function industryDivisions(language: Language): { code: string; name: string }[] {
  return Object.entries(DIVISIONS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, names]) => ({ code, name: language === 'en' ? names[1] : names[0] }));
}
