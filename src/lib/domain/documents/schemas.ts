import { z } from 'zod';
import {
  calendarDate,
  commonFields,
  idOf,
  inseeCode,
  isoInstant,
  optionalText,
  refTo,
  seatsField,
  storedTime,
  userName,
} from './fields';
import { minutesOfDay, STORED_TIME } from './time';

const FROM = 'Choisissez la commune de départ';
const TO = "Choisissez la commune d'arrivée";
const SAME_PLACE = "Le départ et l'arrivée doivent être différents";

export const CONSENT_METHODS = ['oral', 'written', 'sms', 'phone'] as const;
export const PERSON_ROLES = ['passenger', 'driver'] as const;
export const REQUEST_CHANNELS = ['sms', 'phone', 'relay'] as const;

export const consentSchema = z.object(
  {
    by: userName,
    method: z.enum(CONSENT_METHODS, { error: 'Indiquez comment le consentement a été recueilli' }),
    at: isoInstant,
    /** Consent withdrawn (docs/personal-data.md): no SMS and no proposal any more. */
    withdrawnAt: isoInstant.optional(),
  },
  { error: 'Le consentement est obligatoire' },
);

/** Person fields a human fills in (phone already normalised). */
export const personFields = {
  firstName: z
    .string({ error: 'Le prénom est obligatoire' })
    .trim()
    .min(1, 'Le prénom est obligatoire')
    .max(60, 'Prénom : 60 caractères au plus'),
  lastName: optionalText(80, 'Nom'),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'Numéro attendu au format international (+33…)')
    .nullable(),
  phoneKind: z.enum(['mobile', 'landline', 'none'], { error: 'Type de téléphone inconnu' }),
  homeInsee: inseeCode('Choisissez la commune où habite la personne'),
  address: optionalText(200, 'Adresse'),
  needs: optionalText(500, 'Besoins'),
  roles: z
    .array(z.enum(PERSON_ROLES, { error: 'Rôle inconnu' }), {
      error: 'Choisissez passager, conducteur ou les deux',
    })
    .min(1, 'Choisissez passager, conducteur ou les deux')
    .refine((roles) => new Set(roles).size === roles.length, {
      error: 'Chaque rôle une seule fois',
    }),
  consent: consentSchema,
  blocked: z.boolean({ error: 'Bloqué : oui ou non' }),
  /** Why a coordinator blocked the person, who and when (absent on older documents). */
  blockedReason: optionalText(300, 'Motif du blocage').nullable(),
  blockedAt: isoInstant.nullable().optional(),
  blockedBy: userName.nullable().optional(),
  notes: optionalText(1000, 'Notes'),
  /** Erased on request (docs/personal-data.md): only what anonymous counts need is left. */
  erasedAt: isoInstant.optional(),
};

function checkPhoneKind(doc: { phone: string | null; phoneKind: string }, ctx: z.RefinementCtx) {
  if ((doc.phone === null) !== (doc.phoneKind === 'none')) {
    ctx.addIssue({
      code: 'custom',
      path: ['phoneKind'],
      message: 'Le type de téléphone ne correspond pas au numéro',
    });
  }
}

export const personSchema = z
  .object({ _id: idOf('person'), type: z.literal('person'), ...commonFields, ...personFields })
  .superRefine(checkPhoneKind);

export const tripFields = {
  driverId: refTo('person', 'Choisissez le conducteur'),
  fromInsee: inseeCode(FROM),
  toInsee: inseeCode(TO),
  weekdays: z
    .array(z.number().int().min(1, 'Jour inconnu').max(7, 'Jour inconnu'), {
      error: 'Choisissez au moins un jour',
    })
    .min(1, 'Choisissez au moins un jour')
    .refine((days) => new Set(days).size === days.length, { error: 'Chaque jour une seule fois' }),
  departure: storedTime,
  returnDeparture: storedTime.nullable(),
  seats: seatsField,
  detourMinutes: z
    .number({ error: 'Le détour accepté doit être entre 0 et 60 minutes' })
    .int('Le détour accepté doit être un nombre entier de minutes')
    .min(0, 'Le détour accepté doit être entre 0 et 60 minutes')
    .max(60, 'Le détour accepté doit être entre 0 et 60 minutes'),
  meetingPlace: optionalText(200, 'Lieu de rendez-vous'),
  /** Where the return leg picks people up, in the arrival commune (absent on older trips). */
  returnMeetingPlace: optionalText(200, 'Lieu de rendez-vous au retour'),
  validFrom: calendarDate('Date de début attendue (AAAA-MM-JJ)'),
  validUntil: calendarDate('Date de fin attendue (AAAA-MM-JJ)').nullable(),
  paused: z.boolean({ error: 'En pause : oui ou non' }),
};

function checkTrip(
  trip: { fromInsee: string; toInsee: string; validFrom: string; validUntil: string | null },
  ctx: z.RefinementCtx,
) {
  if (trip.fromInsee === trip.toInsee)
    ctx.addIssue({ code: 'custom', path: ['toInsee'], message: SAME_PLACE });
  if (trip.validUntil !== null && trip.validUntil < trip.validFrom) {
    ctx.addIssue({
      code: 'custom',
      path: ['validUntil'],
      message: 'La fin de validité doit suivre le début',
    });
  }
}

export const tripSchema = z
  .object({ _id: idOf('trip'), type: z.literal('trip'), ...commonFields, ...tripFields })
  .superRefine(checkTrip);

export const requestFields = {
  passengerId: refTo('person', 'Choisissez le passager'),
  fromInsee: inseeCode(FROM),
  toInsee: inseeCode(TO),
  date: calendarDate('Choisissez la date du trajet'),
  earliest: storedTime,
  latest: storedTime,
  seats: seatsField,
  channel: z.enum(REQUEST_CHANNELS, { error: 'Canal inconnu (sms, téléphone ou relais)' }),
  note: optionalText(500, 'Note'),
  returnOf: refTo('request', 'Le trajet aller est inconnu').nullable(),
  cancelledAt: isoInstant.nullable(),
  /** A coordinator's "relancer la recherche": the worker searches again if none is under way. */
  searchAgainAt: isoInstant.nullable().optional(),
  /** A coordinator's manual match, applied once by the worker (docs/console.md). */
  manual: z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'Identifiant de consigne attendu'),
      tripId: refTo('trip', 'Choisissez le trajet du conducteur'),
      leg: z.enum(['outbound', 'return'], { error: 'Aller ou retour' }),
      agreed: z.boolean({ error: 'Accord par téléphone : oui ou non' }),
      by: userName,
      at: isoInstant,
    })
    .nullable()
    .optional(),
};

function checkRequest(
  request: { fromInsee: string; toInsee: string; earliest: string; latest: string },
  ctx: z.RefinementCtx,
) {
  if (request.fromInsee === request.toInsee)
    ctx.addIssue({ code: 'custom', path: ['toInsee'], message: SAME_PLACE });
  // Both times are checked by their own schema; compare only when both are well formed.
  const [earliest, latest] = [request.earliest, request.latest].map((t) =>
    STORED_TIME.test(t) ? minutesOfDay(t) : NaN,
  );
  if (earliest !== undefined && latest !== undefined && earliest >= latest) {
    ctx.addIssue({
      code: 'custom',
      path: ['latest'],
      message: "L'heure de fin doit être après l'heure de début",
    });
  }
}

export const requestSchema = z
  .object({ _id: idOf('request'), type: z.literal('request'), ...commonFields, ...requestFields })
  .superRefine(checkRequest);

export type Person = z.infer<typeof personSchema>;
export type Trip = z.infer<typeof tripSchema>;
export type RideRequest = z.infer<typeof requestSchema>;
export type AnyDoc = Person | Trip | RideRequest;
export type Consent = z.infer<typeof consentSchema>;
