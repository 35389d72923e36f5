// The worker's reactions, in the order they run for each changed document. Listed here and
// nowhere else: a handler is never looked up by a name that came from input.
import { inboundSmsIsRead } from './inbound-sms-is-read';
import { matchSearchingAsksDriver } from './match-searching-asks-driver';
import { matchTellsPeople } from './match-tells-people';
import { messageGoesToGateway } from './message-goes-to-gateway';
import { requestOpensMatch } from './request-opens-match';
import { tripChangedRefreshesCache } from './trip-changed-refreshes-cache';
import type { Handler } from './types';

export const HANDLERS: readonly Handler[] = [
  tripChangedRefreshesCache,
  inboundSmsIsRead,
  requestOpensMatch,
  matchTellsPeople,
  matchSearchingAsksDriver,
  messageGoesToGateway,
];

export type { Handler } from './types';
