/**
 * Form-level schemas for the PWA: what a relay types, before the document gets its id, stamps and
 * readers. Times may be typed "8h30", phones any way people write them; empty optional texts are
 * dropped. build*() turn a parsed input into a full document.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA, typedTime } from './fields';
import { stampDoc, type StampContext } from './parse';
import { normalizePhone } from './phone';
import {
  CONSENT_METHODS,
  personFields,
  requestFields,
  tripFields,
  type Person,
  type RideRequest,
  type Trip,
} from './schemas';
import { minutesOfDay } from './time';
import { localDateOf } from '../schedule/calendar';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess(blankToUndefined, schema.optional());

export const personInputSchema = z
  .object({
    firstName: personFields.firstName,
    lastName: optional(z.string().trim().max(80, 'Nom : 80 caractères au plus')),
    phone: z.string().default(''),
    homeInsee: personFields.homeInsee,
    address: optional(z.string().trim().max(200, 'Adresse : 200 caractères au plus')),
    needs: optional(z.string().trim().max(500, 'Besoins : 500 caractères au plus')),
    roles: personFields.roles,
    consentMethod: z.enum(CONSENT_METHODS, {
      error: 'Indiquez comment la personne a donné son accord',
    }),
    blocked: z.boolean().default(false),
    notes: optional(z.string().trim().max(1000, 'Notes : 1000 caractères au plus')),
  })
  .transform((input, ctx) => {
    const { phone, phoneKind, error } = normalizePhone(input.phone);
    if (error !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: error });
      return z.NEVER;
    }
    return { ...input, phone, phoneKind };
  });
export type PersonInput = z.input<typeof personInputSchema>;
export type ParsedPersonInput = z.output<typeof personInputSchema>;

export const tripInputSchema = z
  .object({
    ...tripFields,
    departure: typedTime,
    returnDeparture: z.preprocess((v) => blankToUndefined(v) ?? null, typedTime.nullable()),
    meetingPlace: optional(
      z.string().trim().max(200, 'Lieu de rendez-vous : 200 caractères au plus'),
    ),
    returnMeetingPlace: optional(
      z.string().trim().max(200, 'Lieu de rendez-vous au retour : 200 caractères au plus'),
    ),
    validUntil: z.preprocess((v) => blankToUndefined(v) ?? null, tripFields.validUntil),
    paused: z.boolean().default(false),
  })
  .superRefine((trip, ctx) => {
    if (trip.fromInsee === trip.toInsee) {
      ctx.addIssue({
        code: 'custom',
        path: ['toInsee'],
        message: "Le départ et l'arrivée doivent être différents",
      });
    }
    if (trip.validUntil !== null && trip.validUntil < trip.validFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        message: 'La fin de validité doit suivre le début',
      });
    }
  })
  .transform((trip) => ({ ...trip, weekdays: [...trip.weekdays].sort((a, b) => a - b) }));
export type TripInput = z.input<typeof tripInputSchema>;

export const requestInputSchema = z
  .object({
    ...requestFields,
    earliest: typedTime,
    latest: typedTime,
    note: optional(z.string().trim().max(500, 'Note : 500 caractères au plus')),
    returnOf: requestFields.returnOf.default(null),
    cancelledAt: requestFields.cancelledAt.default(null),
  })
  .superRefine((request, ctx) => {
    if (request.fromInsee === request.toInsee) {
      ctx.addIssue({
        code: 'custom',
        path: ['toInsee'],
        message: "Le départ et l'arrivée doivent être différents",
      });
    }
    if (minutesOfDay(request.earliest) >= minutesOfDay(request.latest)) {
      ctx.addIssue({
        code: 'custom',
        path: ['latest'],
        message: "L'heure de fin doit être après l'heure de début",
      });
    }
  });
export type RequestInput = z.input<typeof requestInputSchema>;

export const PAST_REQUEST_MESSAGE = 'La date du trajet est déjà passée';
export const FUTURE_CONSENT_MESSAGE = 'La date du consentement ne peut pas être après aujourd’hui';

/** A request as typed at `now` (the caller's clock): not for a day already past in Paris. */
export function requestInputSchemaAt(now: Date) {
  const today = localDateOf(now);
  return requestInputSchema.superRefine((request, ctx) => {
    if (request.date < today)
      ctx.addIssue({ code: 'custom', path: ['date'], message: PAST_REQUEST_MESSAGE });
  });
}

/** A consent given at `consentAt` (ISO), recorded at `now`: never on a day still to come. */
export function consentDateError(consentAt: string, now: Date): string | null {
  return localDateOf(new Date(consentAt)) > localDateOf(now) ? FUTURE_CONSENT_MESSAGE : null;
}

export interface BuildContext extends StampContext {
  /** From newDocId(type, random). */
  readonly id: string;
  readonly readers: readonly string[];
}

export function buildPerson(input: ParsedPersonInput, ctx: BuildContext): Person {
  const { consentMethod, ...fields } = input;
  const consent = { by: ctx.user, method: consentMethod, at: ctx.now.toISOString() };
  return stampDoc(
    { _id: ctx.id, type: 'person' as const, schema: CURRENT_SCHEMA, ...fields, consent },
    ctx,
  ) as Person;
}

export function buildTrip(input: z.output<typeof tripInputSchema>, ctx: BuildContext): Trip {
  return stampDoc(
    { _id: ctx.id, type: 'trip' as const, schema: CURRENT_SCHEMA, ...input },
    ctx,
  ) as Trip;
}

export function buildRequest(
  input: z.output<typeof requestInputSchema>,
  ctx: BuildContext,
): RideRequest {
  return stampDoc(
    { _id: ctx.id, type: 'request' as const, schema: CURRENT_SCHEMA, ...input },
    ctx,
  ) as RideRequest;
}
