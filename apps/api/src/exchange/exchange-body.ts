import type { NestExpressApplication } from '@nestjs/platform-express';
import { csvRows, CsvReadError } from '@park/csv';
import { json, text, type NextFunction, type Request, type Response } from 'express';
import { markBodyRead } from '../http/body-content';
import { RequestBodyError } from '../http/request-body';
import { sheetRows, SheetFormatError } from './exchange-sheet';

/** The exchange's inbound route, the one route whose bodies may be larger than API_BODY_LIMIT_KB. */
export const EXCHANGE_FIGURES_PATH = '/api/exchange/v1/figures';

/**
 * The inbound route's own body parsers, registered before the API's (useBodyLimits), which then leave the parsed
 * body alone — for a request with a live source key only: JSON up to `maxBytes` (a year of monthly kWh for 10 000 enterprises is ~10 MB) and `text/csv`, which
 * becomes the same `{ rows }` as a JSON body (exchange-sheet.ts) so one DTO validates both. Every other route keeps
 * API_BODY_LIMIT_KB. The depth and content checks of useBodyLimits run on these bodies too.
 */
export function useExchangeBody(
  app: NestExpressApplication,
  maxBytes: number,
  /** Whether the request carries a live source key: only then is the large limit granted (SourceKeys.recognizes). */
  keyed: (req: Request) => Promise<boolean>,
): void {
  const parsers = [json({ limit: maxBytes }), text({ type: 'text/csv', limit: maxBytes })];
  // Without a live key the body is left to the API's parsers and their default limit: an anonymous client cannot
  // make the API read megabytes only to be refused (AuthGuard answers 401 either way).
  app.use(EXCHANGE_FIGURES_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    keyed(req).then(
      (ok) => {
        if (!ok) {
          // Unread, but not a type to refuse (415) before AuthGuard says 401.
          if (req.is('text/csv')) markBodyRead(req);
          return next();
        }
        parsers[0](req, res, (error?: unknown) => (error ? next(error) : parsers[1](req, res, next)));
      },
      (error: unknown) => next(error),
    );
  });
  app.use(EXCHANGE_FIGURES_PATH, (req: Request, _res: Response, next: NextFunction) => {
    if (typeof req.body !== 'string' || !req.is('text/csv')) return next();
    try {
      req.body = { rows: sheetRows([...csvRows(req.body)]).rows };
      markBodyRead(req);
      next();
    } catch (error) {
      if (error instanceof CsvReadError || error instanceof SheetFormatError)
        return next(new RequestBodyError('MALFORMED_BODY', `the CSV body cannot be read: ${error.message}`));
      next(error);
    }
  });
}
