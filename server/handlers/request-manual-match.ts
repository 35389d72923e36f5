import {
  firstNameOf,
  isStoredRequest,
  isTextable,
  type RideRequest,
  type Stored,
  type Trip,
} from '../../src/lib/domain/documents';
import { matchIdOf, outMessageId } from '../../src/lib/domain/ids';
import {
  decideManualMatch,
  manualProposal,
  setAsideDriver,
  withPhoneLock,
  type ManualProposal,
  type ManualInstruction,
} from '../../src/lib/domain/match';
import { matchingSettings } from '../../src/lib/domain/matching/settings';
import { setAsideSms } from '../../src/lib/domain/sms-templates';
import { getDoc } from '../../src/lib/server/shared/store';
import { lockDriverPhone, releaseDriverPhone } from '../worker/driver-phones';
import { getMatch, writeMatch } from '../worker/matches';
import { queueSms } from '../worker/outbox';
import { getPerson } from '../worker/people';
import type { StoredDoc } from '../../src/lib/server/shared/store';
import type { Handler } from './types';

const hasInstruction = (doc: StoredDoc): doc is Stored<RideRequest> =>
  isStoredRequest(doc) && doc.manual != null;

/**
 * A coordinator's manual match (`request.manual`): the chosen driver is asked by SMS as any
 * other (their phone taken for this match), or confirmed at once when they agreed by phone;
 * match-tells-people then writes the question, or the ride and the details, as usual.
 */
export const requestManualMatch: Handler<Stored<RideRequest>> = {
  name: 'request-manual-match',
  appliesTo: hasInstruction,
  handle: async (request, ctx) => {
    const instruction = request.manual as ManualInstruction;
    const match = await getMatch(ctx, matchIdOf(request._id));
    if (!match) throw new Error(`${request._id}: no match yet for its manual instruction`);
    if (match.manual?.id === instruction.id) return;
    const now = ctx.clock.now();
    const trip = await getDoc<Trip>(ctx.db, instruction.tripId);
    const driver = trip ? await getPerson(ctx, trip.driverId) : null;
    let proposal: ManualProposal = trip
      ? manualProposal({
          request,
          trip,
          driver,
          instruction,
          communes: ctx.places.lookup,
          matching: matchingSettings(ctx.settings.matching),
          contribution: ctx.settings.contribution,
          deadline: ctx.settings.deadline,
          now,
        })
      : { ok: false, reason: 'Ce trajet est introuvable.' };
    // An SMS question needs the driver's phone, which holds one question at a time.
    const asked = match.state.status === 'asking' ? match.state.proposal.driverId : null;
    if (proposal.ok && !instruction.agreed && isTextable(driver) && asked !== trip?.driverId) {
      const lock = await lockDriverPhone(
        ctx,
        { phone: driver.phone, holder: null, conversation: null },
        match._id,
      );
      proposal = withPhoneLock(proposal, lock);
    }
    const decision = decideManualMatch(match, instruction, proposal, now);
    if (decision.action === 'none') return;
    const next = decision.action === 'apply' ? decision.state : match.state;
    if (!(await writeMatch(ctx, match, next, { manual: decision.outcome })))
      throw new Error(`${match._id}: changed while applying the manual match; will retry`);
    // The driver set aside no longer holds the phone for this match, and is told so.
    const aside = decision.action === 'apply' ? setAsideDriver(match.state, next) : null;
    if (!aside) return;
    await releaseDriverPhone(ctx, aside.driverId, match._id);
    const [driverAside, passenger] = await Promise.all([
      getPerson(ctx, aside.driverId),
      getPerson(ctx, request.passengerId),
    ]);
    if (!isTextable(driverAside)) return;
    await queueSms(ctx, {
      id: outMessageId('set-aside', match._id, aside.attempt),
      to: driverAside.phone,
      text: setAsideSms({ passengerFirstName: firstNameOf(passenger), date: request.date }),
      purpose: 'set-aside',
      personId: driverAside._id,
      relatedId: match._id,
    });
  },
};
