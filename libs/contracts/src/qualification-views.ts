/**
 * 资质认定 — an enterprise's qualifications (certificates) as the REST API sends them, the vocabulary of types and
 * levels the records and the web app share, and how a certificate counts towards the four cultivation libraries
 * (docs/analytics.md, "Certificates in the libraries"). Calendar dates are `YYYY-MM-DD`.
 */
import type { AttachedDocumentView } from './attached-document-views';
import type { CultivationLibrary } from './records-views';

/**
 * 高新技术企业; 专精特新中小企业 (recognised by a province, or a city); 专精特新“小巨人” (工业和信息化部, national);
 * 科技型中小企业 (入库, renewed every year); 上市 (a listing: the certificate number is the stock code); 挂牌 (新三板
 * or a regional equity market).
 */
export const QUALIFICATION_TYPES = [
  'high-tech-enterprise',
  'specialized-sme',
  'little-giant',
  'tech-sme',
  'listed',
  'quoted',
] as const;
export type QualificationType = (typeof QUALIFICATION_TYPES)[number];

/** Who recognised it: 国家级, 省级, 市级. */
export const QUALIFICATION_LEVELS = ['national', 'provincial', 'municipal'] as const;
export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

export interface QualificationRule {
  /** The levels a certificate of this type can have; a single one is filled in when none is given. */
  readonly levels: readonly QualificationLevel[];
  /** Whether the certificate has an expiry date: a recognition does (three years, one for 科技型中小企业), a listing does not. */
  readonly expires: boolean;
  /**
   * The cultivation library a valid certificate puts the enterprise in, and whether it means the library's goal is
   * reached (高新技术企业 recognised, listed) or that the enterprise is being cultivated for it.
   */
  readonly library: CultivationLibrary;
  readonly reaches: boolean;
}

/**
 * Per type: its levels, whether it expires, and its library. 科技型中小企业 is the pool the 高新技术企业 are grown from;
 * 专精特新 enterprises and those 挂牌 are the park's listing reserve (上市后备), so a valid certificate of theirs
 * places them in the 上市 library as being cultivated.
 */
export const QUALIFICATION_RULES: Readonly<Record<QualificationType, QualificationRule>> = {
  'high-tech-enterprise': { levels: ['national'], expires: true, library: 'high-tech', reaches: true },
  'tech-sme': { levels: ['national', 'provincial'], expires: true, library: 'high-tech', reaches: false },
  'specialized-sme': {
    levels: ['provincial', 'municipal'],
    expires: true,
    library: 'listed',
    reaches: false,
  },
  'little-giant': { levels: ['national'], expires: true, library: 'listed', reaches: false },
  listed: { levels: [], expires: false, library: 'listed', reaches: true },
  quoted: { levels: [], expires: false, library: 'listed', reaches: false },
};

/** Days before expiry from which a certificate is listed as expiring (资质到期提醒), unless the query says otherwise. */
export const QUALIFICATION_REMINDER_DAYS = 90;

/** valid; expiring (within the reminder window); expired (the expiry date has passed). */
export type QualificationState = 'valid' | 'expiring' | 'expired';

export interface QualificationView {
  readonly id: string;
  readonly enterpriseId: string;
  /** The enterprise's name, for park-wide lists. */
  readonly enterpriseName: string;
  readonly type: QualificationType;
  readonly level: QualificationLevel | null;
  readonly certificateNo: string;
  /** `YYYY-MM-DD`. */
  readonly issuedOn: string;
  /** `YYYY-MM-DD`; null for a listing, which does not expire. */
  readonly expiresOn: string | null;
  readonly note: string | null;
  /** On the park's calendar today. */
  readonly state: QualificationState;
  /** Days from today to the expiry date (negative once expired); null without one. */
  readonly daysToExpiry: number | null;
  readonly documents: AttachedDocumentView[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Why an enterprise is in a cultivation library: its record's flag (已达成), the library listed among those it is
 * cultivated in (列入培育), or a certificate. A certificate `counts` from its issue date through its expiry date;
 * an expired one is listed with `counts: false` when the enterprise is in the library for another reason, so the
 * page can say it no longer counts.
 */
export type CultivationBasis =
  | { readonly kind: 'flag' }
  | { readonly kind: 'cultivation' }
  | {
      readonly kind: 'certificate';
      readonly qualificationId: string;
      readonly type: QualificationType;
      readonly certificateNo: string;
      readonly expiresOn: string | null;
      /** The certificate means the library's goal is reached (高新技术企业, 上市), not that it is being cultivated. */
      readonly reaches: boolean;
      readonly counts: boolean;
    };
