import type { Logger } from '@nestjs/common';
import type { IncomingMessage } from '@park/bus';

/** Decodes each message and hands it on; one that breaks the contract is logged and skipped, not retried. */
export function eachDecoded<T>(
  messages: readonly IncomingMessage[],
  decode: (value: Buffer | null) => T,
  logger: Logger,
  what: string,
  each: (value: T) => void,
): void {
  for (const message of messages) {
    let value: T;
    try {
      value = decode(message.value);
    } catch (error) {
      logger.error(`skipping ${what} message at offset ${message.offset}: ${(error as Error).message}`);
      continue;
    }
    each(value);
  }
}
