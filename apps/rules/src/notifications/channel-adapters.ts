import type { ChannelAdapters } from '@park/notifications';

export type { ChannelAdapters };

/**
 * Injection token of the channel adapters (@park/notifications `createChannelAdapters`), one per kind: the
 * dispatcher and the daily digest send through it, and specs provide stand-ins.
 */
export const CHANNEL_ADAPTERS = Symbol('ChannelAdapters');
