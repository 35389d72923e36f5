// The worker's own design document, `_design/worker`: views the worker, the gateways and the
// console routes query. Plain ES5 functions with no imports or closures, like _design/maillage.
/* eslint-disable no-var, @typescript-eslint/no-explicit-any -- ES5 source that runs in CouchDB */
import { functionSource } from './design-source';
import { getDoc, putDoc, type Db } from './store';

declare function emit(key: unknown, value?: unknown): void;
type Json = any;

export const WORKER_DESIGN_ID = '_design/worker';

/** What the timer must look at: deadlines, searches and SMS to retry, rides to remind. */
export function wakeMap(doc: Json) {
  if (doc.type === 'match' && doc.wakeAt) emit(doc.wakeAt, 'match');
  // A confirmed ride's reminder of the day before, until it is sent or the ride cancelled.
  if (doc.type === 'ride' && doc.remindAt && !doc.remindedAt && !doc.cancelledAt)
    emit(doc.remindAt, 'ride');
  if (doc.type === 'message' && doc.direction === 'out' && doc.state === 'pending')
    emit(doc.notBefore || doc.createdAt, 'message');
  // An SMS whose reader's lease ran out (that worker died), or put off behind an earlier one.
  if (doc.type === 'message' && doc.direction === 'in' && doc.state === 'received' && doc.lease)
    emit(doc.lease.until, 'inbound');
}

/** Requests under way, by passenger and by the driver asked or confirmed (ANNULER, PAUSE). */
export function activeByPersonMap(doc: Json) {
  if (doc.type !== 'match' || !doc.state) return;
  var s = doc.state.status;
  if (s === 'searching' || s === 'asking' || s === 'confirmed') emit(doc.passengerId, 'passenger');
  if ((s === 'asking' || s === 'confirmed') && doc.state.proposal)
    emit(doc.state.proposal.driverId, 'driver');
}

/** Seats taken: confirmed rides not cancelled, by date. */
export function ridesByDateMap(doc: Json) {
  if (doc.type === 'ride' && !doc.cancelledAt) emit(doc.date, [doc.tripId, doc.leg, doc.seats]);
}

/**
 * Every question a driver got, by when it was asked, with the driver (fairness): the open or
 * confirmed proposal, and the drivers tried before (when they answered: the match keeps no more).
 */
export function asksByTimeMap(doc: Json) {
  if (doc.type !== 'match' || !doc.state) return;
  var s = doc.state;
  var tried = s.tried || [];
  for (var i = 0; i < tried.length; i++) emit(tried[i].at, tried[i].driverId);
  var p = s.proposal || (s.was && s.was.status === 'confirmed' ? s.was.proposal : null);
  if (p) emit(p.askedAt, p.driverId);
}

export function tripsByDriverMap(doc: Json) {
  if (doc.type === 'trip') emit(doc.driverId, null);
}

/** Outgoing SMS not yet out, by phone in the order they were queued (one phone's go in order). */
export function queueByPhoneMap(doc: Json) {
  if (doc.type !== 'message' || doc.direction !== 'out') return;
  if (doc.state === 'pending' || doc.state === 'sent-to-gateway')
    emit([doc.to, doc.createdAt, doc._id], [doc.state, doc.updatedAt]);
}

/** Claimed SMS by when they were claimed (their last write): the timer finds the stuck ones. */
export function claimedMap(doc: Json) {
  if (doc.type === 'message' && doc.direction === 'out' && doc.state === 'sent-to-gateway')
    emit(doc.updatedAt, null);
}

export function byGatewayRefMap(doc: Json) {
  if (doc.type === 'message' && doc.direction === 'out' && doc.gatewayRef)
    emit(doc.gatewayRef, null);
}

/** Every SMS in or out by time, for the simulated phone and the coordinators' inbox. */
export function smsByTimeMap(doc: Json) {
  if (doc.type === 'message') emit(doc.createdAt, doc.direction);
}

/** SMS received and not handled yet, by phone and time received: a phone's SMS apply in order. */
export function receivedByPhoneMap(doc: Json) {
  if (doc.type === 'message' && doc.direction === 'in' && doc.state === 'received')
    emit([doc.from, doc.receivedAt], null);
}

export function workerDesignDoc() {
  return {
    _id: WORKER_DESIGN_ID,
    language: 'javascript' as const,
    views: {
      wake: { map: functionSource(wakeMap) },
      active_by_person: { map: functionSource(activeByPersonMap) },
      rides_by_date: { map: functionSource(ridesByDateMap) },
      trips_by_driver: { map: functionSource(tripsByDriverMap) },
      queue_by_phone: { map: functionSource(queueByPhoneMap) },
      claimed: { map: functionSource(claimedMap) },
      by_gateway_ref: { map: functionSource(byGatewayRefMap) },
      sms_by_time: { map: functionSource(smsByTimeMap) },
      received_by_phone: { map: functionSource(receivedByPhoneMap) },
      asks_by_time: { map: functionSource(asksByTimeMap) },
    },
  };
}

/** Puts `_design/worker` when missing or different (several workers may race: a 409 is fine). */
export async function ensureWorkerDesign(db: Db): Promise<void> {
  const wanted = workerDesignDoc();
  const current = await getDoc<Record<string, unknown>>(db, WORKER_DESIGN_ID);
  if (current) {
    const { _rev, ...rest } = current;
    if (JSON.stringify(rest) === JSON.stringify(wanted)) return;
    await putDoc(db, { ...wanted, _rev });
  } else {
    await putDoc(db, wanted);
  }
}
