// Form values (as typed in the PWA) → the domain's input shapes. Pure; the domain validates.
import type {
  CONSENT_METHODS,
  REQUEST_CHANNELS,
  Person,
  PersonInput,
  RequestInput,
  RideRequest,
  Trip,
  TripInput,
} from '$lib/domain/documents';

export type FieldErrors = Record<string, string>;

type ConsentMethod = (typeof CONSENT_METHODS)[number];
type Channel = (typeof REQUEST_CHANNELS)[number];

export interface PersonFormValues {
  firstName: string;
  lastName: string;
  phone: string;
  homeInsee: string;
  address: string;
  needs: string;
  passenger: boolean;
  driver: boolean;
  consentGiven: boolean;
  consentMethod: ConsentMethod;
  /** YYYY-MM-DD, today by default. */
  consentDate: string;
}

export interface TripFormValues {
  fromInsee: string;
  toInsee: string;
  weekdays: number[];
  departure: string;
  returnDeparture: string;
  seats: number;
  detourMinutes: number;
  meetingPlace: string;
  returnMeetingPlace: string;
  validFrom: string;
  validUntil: string;
}

export interface RequestFormValues {
  fromInsee: string;
  toInsee: string;
  date: string;
  earliest: string;
  latest: string;
  seats: number;
  channel: Channel;
  note: string;
  withReturn: boolean;
  returnDate: string;
  returnEarliest: string;
  returnLatest: string;
}

/** A consent given today is stamped now; one given on another day, at noon UTC of that day. */
export function consentInstant(date: string, today: string, now: Date): string {
  return date === '' || date === today ? now.toISOString() : `${date}T12:00:00.000Z`;
}

/** What the schema cannot see: the consent checkbox and its date. */
export function checkConsent(values: PersonFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.consentGiven) errors.consentGiven = 'Le consentement de la personne est obligatoire';
  if (values.consentDate === '') errors.consentDate = 'Indiquez la date du consentement';
  return errors;
}

export function personInputFromForm(values: PersonFormValues): PersonInput {
  return {
    firstName: values.firstName,
    lastName: values.lastName,
    phone: values.phone,
    homeInsee: values.homeInsee,
    address: values.address,
    needs: values.needs,
    roles: [
      ...(values.passenger ? (['passenger'] as const) : []),
      ...(values.driver ? (['driver'] as const) : []),
    ],
    consentMethod: values.consentMethod,
  };
}

export function tripInputFromForm(values: TripFormValues, driverId: string): TripInput {
  return {
    driverId,
    fromInsee: values.fromInsee,
    toInsee: values.toInsee,
    weekdays: [...values.weekdays],
    departure: values.departure,
    returnDeparture: values.returnDeparture,
    seats: Number(values.seats),
    detourMinutes: Number(values.detourMinutes),
    meetingPlace: values.meetingPlace,
    returnMeetingPlace: values.returnMeetingPlace,
    validFrom: values.validFrom,
    validUntil: values.validUntil,
  };
}

/** The outbound request, and the return leg (from and to swapped) when one is asked. */
export function requestInputsFromForm(
  values: RequestFormValues,
  passengerId: string,
): { outbound: RequestInput; returnLeg: RequestInput | null } {
  const common = {
    passengerId,
    seats: Number(values.seats),
    channel: values.channel,
    note: values.note,
  };
  const outbound: RequestInput = {
    ...common,
    fromInsee: values.fromInsee,
    toInsee: values.toInsee,
    date: values.date,
    earliest: values.earliest,
    latest: values.latest,
  };
  if (!values.withReturn) return { outbound, returnLeg: null };
  return {
    outbound,
    returnLeg: {
      ...common,
      fromInsee: values.toInsee,
      toInsee: values.fromInsee,
      date: values.returnDate,
      earliest: values.returnEarliest,
      latest: values.returnLatest,
    },
  };
}

/**
 * The form field that shows a schema error: "consent.method" → "consentMethod"; with a prefix,
 * the return leg's "earliest" → "returnEarliest".
 */
export function fieldOfPath(path: string, prefix = ''): string {
  const aliases: Record<string, string> = {
    'consent.method': 'consentMethod',
    'consent.at': 'consentDate',
    consent: 'consentGiven',
    phoneKind: 'phone',
  };
  const field = aliases[path] ?? path.split('.')[0] ?? path;
  if (prefix === '' || field === '') return field;
  return prefix + field.charAt(0).toUpperCase() + field.slice(1);
}

/** Schema errors → one message per form field (the first one wins). */
export function errorsByField(
  errors: readonly { path: string; message: string }[],
  prefix = '',
): FieldErrors {
  const byField: FieldErrors = {};
  for (const { path, message } of errors) {
    const field = fieldOfPath(path, prefix) || 'form';
    byField[field] ??= message;
  }
  return byField;
}

/** An edit form opens with the stored person (consent fields are shown, not edited). */
export function personFormFromDoc(person: Person): PersonFormValues {
  return {
    firstName: person.firstName,
    lastName: person.lastName ?? '',
    phone: person.phone ?? '',
    homeInsee: person.homeInsee,
    address: person.address ?? '',
    needs: person.needs ?? '',
    passenger: person.roles.includes('passenger'),
    driver: person.roles.includes('driver'),
    consentGiven: true,
    consentMethod: person.consent.method,
    consentDate: person.consent.at.slice(0, 10),
  };
}

export function tripFormFromDoc(trip: Trip): TripFormValues {
  return {
    fromInsee: trip.fromInsee,
    toInsee: trip.toInsee,
    weekdays: [...trip.weekdays],
    departure: trip.departure,
    returnDeparture: trip.returnDeparture ?? '',
    seats: trip.seats,
    detourMinutes: trip.detourMinutes,
    meetingPlace: trip.meetingPlace ?? '',
    returnMeetingPlace: trip.returnMeetingPlace ?? '',
    validFrom: trip.validFrom,
    validUntil: trip.validUntil ?? '',
  };
}

/** A stored request is one leg: its return, if any, is a request of its own. */
export function requestFormFromDoc(request: RideRequest): RequestFormValues {
  return {
    fromInsee: request.fromInsee,
    toInsee: request.toInsee,
    date: request.date,
    earliest: request.earliest,
    latest: request.latest,
    seats: request.seats,
    channel: request.channel,
    note: request.note ?? '',
    withReturn: false,
    returnDate: '',
    returnEarliest: '',
    returnLatest: '',
  };
}
