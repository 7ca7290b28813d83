/**
 * The channels of the outbound queue (services/outbound.ts): each says how
 * to reach one of its targets. SMS joins here, with its own request
 * builder, rate limits and reply classifier.
 */
import type { OutboundChannel } from './outbound';
import { ROBOT_CHANNEL } from './robots';

export const CHANNELS: readonly OutboundChannel[] = [ROBOT_CHANNEL];
