/**
 * The channels of the outbound queue (services/outbound.ts): each says how
 * to reach one of its targets — the team-chat robots, and SMS to customers.
 */
import type { OutboundChannel } from './outbound';
import { ROBOT_CHANNEL } from './robots';
import { SMS_CHANNEL } from './sms';

export const CHANNELS: readonly OutboundChannel[] = [ROBOT_CHANNEL, SMS_CHANNEL];
