import { z } from 'zod';
import { isCalendarDate, parseClockTime, STORED_TIME } from './time';

/** Document types the PWA and the people behind it write; the worker writes the others. */
export const PEOPLE_DOC_TYPES = ['person', 'trip', 'request'] as const;
/** Types only the worker (and gateways) write. */
export const WORKER_DOC_TYPES = ['match', 'ride', 'message', 'conversation', 'task'] as const;
export const DOC_TYPES = [...PEOPLE_DOC_TYPES, ...WORKER_DOC_TYPES] as const;
export type PeopleDocType = (typeof PEOPLE_DOC_TYPES)[number];
export type DocType = (typeof DOC_TYPES)[number];

/** The random part of an id: letters, digits, '-' and '_' only, so it can never hold a name or a phone number with spaces. */
export const ID_SUFFIX = /^[A-Za-z0-9_-]{6,64}$/;

export const CURRENT_SCHEMA = 1;

export const idOf = (type: PeopleDocType) =>
  z
    .string({ error: "L'identifiant est obligatoire" })
    .refine((id) => id.startsWith(`${type}:`) && ID_SUFFIX.test(id.slice(type.length + 1)), {
      error: `L'identifiant doit commencer par « ${type}: » suivi de 6 à 64 lettres ou chiffres`,
    });

export const refTo = (type: PeopleDocType, message: string) =>
  z
    .string({ error: message })
    .refine((id) => id.startsWith(`${type}:`) && ID_SUFFIX.test(id.slice(type.length + 1)), {
      error: message,
    });

export const isoInstant = z.iso.datetime({
  error: 'Date et heure attendues au format ISO 8601 (UTC, « Z »)',
});

export const userName = z
  .string({ error: "Le nom d'utilisateur est obligatoire" })
  .min(1, "Le nom d'utilisateur est obligatoire");

export const readersField = z
  .array(
    z
      .string()
      .regex(/^(role|user):[^\s:]+$/, 'Lecteur attendu sous la forme « role:… » ou « user:… »'),
    {
      error: 'La liste des lecteurs est obligatoire',
    },
  )
  .min(1, 'Au moins un lecteur');

export const commonFields = {
  _rev: z.string().optional(),
  schema: z.literal(CURRENT_SCHEMA, { error: 'Version de document inconnue (schema 1 attendu)' }),
  createdAt: isoInstant,
  createdBy: userName,
  updatedAt: isoInstant,
  updatedBy: userName,
  readers: readersField,
};

export const inseeCode = (message: string) =>
  z.string({ error: message }).regex(/^(\d{5}|2[AB]\d{3})$/, message);

export const TIME_MESSAGE = "L'heure doit être au format 8h30 ou 08:30";
/** A stored time, exactly "HH:MM". */
export const storedTime = z.string({ error: TIME_MESSAGE }).regex(STORED_TIME, TIME_MESSAGE);
/** A time as typed in a form ("8h30", "8h", "8:30"), normalised to "HH:MM". */
export const typedTime = z.string({ error: TIME_MESSAGE }).transform((raw, ctx) => {
  const time = parseClockTime(raw);
  if (time === null) {
    ctx.addIssue({ code: 'custom', message: TIME_MESSAGE });
    return z.NEVER;
  }
  return time;
});

export const calendarDate = (message: string) =>
  z.string({ error: message }).refine(isCalendarDate, { error: message });

export const seatsField = z
  .number({ error: 'Entre 1 et 4 places' })
  .int('Entre 1 et 4 places')
  .min(1, 'Entre 1 et 4 places')
  .max(4, 'Entre 1 et 4 places');

export const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} : ${max} caractères au plus`).optional();
