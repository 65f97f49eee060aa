import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageRequest {
  readonly page: number;
  readonly pageSize: number;
  /** A key of the list's sortable columns; anything else is refused before it gets here. */
  readonly sort?: string;
  readonly order?: 'asc' | 'desc';
}

import type { Page } from '@park/contracts';

export type { Page } from '@park/contracts';

/** `%term%` for ILIKE with the user's own %, _ and \ taken literally. */
export function likeTerm(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Applies sort (whitelisted columns only, stable by id) and paging, and counts. */
export async function pageOf<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  request: PageRequest,
  sortable: Readonly<Record<string, string>>,
  defaultSort: string,
): Promise<Page<T>> {
  const column = sortable[request.sort ?? defaultSort] ?? sortable[defaultSort];
  const order = request.order === 'desc' ? 'DESC' : 'ASC';
  qb.orderBy(column, order, 'NULLS LAST').addOrderBy(`${qb.alias}.id`, 'ASC');
  qb.skip((request.page - 1) * request.pageSize).take(request.pageSize);
  const [items, total] = await qb.getManyAndCount();
  return { items, total, page: request.page, pageSize: request.pageSize };
}
