// The invented people of the demo. Communes are real (INSEE codes of the Lot); the lines are the
// daily ones toward Figeac, Cahors, Gourdon, Souillac, Saint-Céré, Gramat and Biars-sur-Cère.
// Sophie (home nurse, Lacapelle-Marival) registered the east, Paul (postman, Gourdon) the
// north-west, the coordinator the rest by phone.

export type Relay = 'sophie' | 'paul' | 'coordination';
type Consent = 'oral' | 'written' | 'sms' | 'phone';

export interface DemoLine {
  readonly from: string;
  readonly to: string;
  readonly days: readonly number[];
  readonly at: string;
  readonly back: string | null;
  readonly seats: number;
  readonly detour: number;
  readonly meetingPlace?: string;
  /** Valid for this many months from today, else open-ended. */
  readonly months?: number;
  readonly paused?: boolean;
}

export interface DemoDriver {
  readonly firstName: string;
  readonly lastName: string;
  readonly home: string;
  readonly by: Relay;
  readonly consent: Consent;
  readonly trips: readonly DemoLine[];
}

const WEEK = [1, 2, 3, 4, 5] as const;

// INSEE codes, named once so the tables read like a map.
const C = {
  alvignac: '46003',
  assier: '46009',
  aynac: '46012',
  bagnac: '46015',
  biars: '46029',
  bourg: '46034',
  cahors: '46042',
  cajarc: '46045',
  capdenac: '46055',
  cardaillac: '46057',
  catus: '46064',
  cazals: '46066',
  degagnac: '46087',
  figeac: '46102',
  gorses: '46125',
  gourdon: '46127',
  gramat: '46128',
  coeurDeCausse: '46138',
  lacapelle: '46143',
  lalbenque: '46148',
  lanzac: '46153',
  latronquiere: '46160',
  leyme: '46170',
  martel: '46185',
  montcuq: '46201',
  payrac: '46215',
  pradines: '46224',
  prayssac: '46225',
  puyLEveque: '46231',
  saintCere: '46251',
  saintGermain: '46267',
  salviac: '46297',
  souillac: '46309',
  sousceyrac: '46311',
  themines: '46318',
  vayrac: '46330',
} as const;

// A table, one person or request a line: easier to read and review unformatted.
// prettier-ignore
export const DRIVERS: readonly DemoDriver[] = [
  // Scenario 2's Jean, exactly.
  { firstName: 'Jean', lastName: 'Delmas', home: C.lacapelle, by: 'sophie', consent: 'oral', trips: [
    { from: C.lacapelle, to: C.figeac, days: [2, 4], at: '08:15', back: '17:30', seats: 3, detour: 10, meetingPlace: 'Place de la Halle' },
  ] },
  { firstName: 'Sylvie', lastName: 'Bouscarel', home: C.cardaillac, by: 'sophie', consent: 'written', trips: [
    { from: C.cardaillac, to: C.figeac, days: WEEK, at: '07:45', back: '17:00', seats: 2, detour: 5 },
  ] },
  { firstName: 'Michel', lastName: 'Lacoste', home: C.aynac, by: 'sophie', consent: 'oral', trips: [
    { from: C.aynac, to: C.saintCere, days: [1, 3, 5], at: '08:30', back: '12:30', seats: 3, detour: 10 },
  ] },
  { firstName: 'Nathalie', lastName: 'Vayssié', home: C.leyme, by: 'sophie', consent: 'oral', trips: [
    { from: C.leyme, to: C.saintCere, days: WEEK, at: '08:00', back: '18:00', seats: 2, detour: 15 },
  ] },
  { firstName: 'Bernard', lastName: 'Roques', home: C.latronquiere, by: 'sophie', consent: 'oral', trips: [
    { from: C.latronquiere, to: C.figeac, days: [2, 5], at: '09:00', back: '16:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Christine', lastName: 'Marty', home: C.gorses, by: 'sophie', consent: 'written', trips: [
    { from: C.gorses, to: C.figeac, days: [1, 4], at: '08:30', back: '17:00', seats: 2, detour: 5 },
  ] },
  { firstName: 'Alain', lastName: 'Couderc', home: C.bourg, by: 'sophie', consent: 'oral', trips: [
    { from: C.bourg, to: C.figeac, days: WEEK, at: '07:30', back: '17:30', seats: 1, detour: 5 },
  ] },
  { firstName: 'Isabelle', lastName: 'Lafon', home: C.assier, by: 'sophie', consent: 'oral', trips: [
    { from: C.assier, to: C.figeac, days: [3], at: '09:30', back: '12:00', seats: 3, detour: 20 },
  ] },
  { firstName: 'Pierre', lastName: 'Cayrol', home: C.themines, by: 'sophie', consent: 'oral', trips: [
    { from: C.themines, to: C.gramat, days: [2, 4, 6], at: '08:45', back: '11:30', seats: 3, detour: 10 },
  ] },
  { firstName: 'Martine', lastName: 'Bessières', home: C.bagnac, by: 'sophie', consent: 'written', trips: [
    { from: C.bagnac, to: C.figeac, days: WEEK, at: '07:50', back: '17:15', seats: 2, detour: 5 },
  ] },
  { firstName: 'Philippe', lastName: 'Calmon', home: C.saintCere, by: 'sophie', consent: 'oral', trips: [
    { from: C.saintCere, to: C.figeac, days: [1, 3, 5], at: '08:00', back: '18:00', seats: 3, detour: 10 },
    { from: C.saintCere, to: C.biars, days: [6], at: '09:30', back: '11:30', seats: 3, detour: 5 },
  ] },
  { firstName: 'Hélène', lastName: 'Gineste', home: C.sousceyrac, by: 'sophie', consent: 'oral', trips: [
    // On holiday: paused, as if she had texted PAUSE.
    { from: C.sousceyrac, to: C.saintCere, days: [2, 5], at: '09:00', back: '12:00', seats: 3, detour: 15, paused: true },
  ] },
  { firstName: 'Gérard', lastName: 'Pélissié', home: C.capdenac, by: 'coordination', consent: 'phone', trips: [
    { from: C.capdenac, to: C.figeac, days: WEEK, at: '07:40', back: '17:00', seats: 2, detour: 5 },
  ] },
  { firstName: 'Patrick', lastName: 'Fabre', home: C.gourdon, by: 'paul', consent: 'oral', trips: [
    { from: C.gourdon, to: C.cahors, days: WEEK, at: '07:30', back: '17:45', seats: 3, detour: 10, meetingPlace: 'Parking du Mont Saint-Jean' },
  ] },
  { firstName: 'Catherine', lastName: 'Delpech', home: C.salviac, by: 'paul', consent: 'oral', trips: [
    { from: C.salviac, to: C.gourdon, days: [2, 4], at: '09:00', back: '12:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Daniel', lastName: 'Bru', home: C.payrac, by: 'paul', consent: 'written', trips: [
    { from: C.payrac, to: C.souillac, days: WEEK, at: '07:45', back: '17:30', seats: 2, detour: 10 },
  ] },
  { firstName: 'Françoise', lastName: 'Lafage', home: C.saintGermain, by: 'paul', consent: 'oral', trips: [
    { from: C.saintGermain, to: C.gourdon, days: [1, 3], at: '08:30', back: '11:30', seats: 3, detour: 10 },
  ] },
  { firstName: 'Thierry', lastName: 'Laval', home: C.degagnac, by: 'paul', consent: 'oral', trips: [
    { from: C.degagnac, to: C.gourdon, days: WEEK, at: '08:00', back: '17:00', seats: 2, detour: 5 },
  ] },
  { firstName: 'Sandrine', lastName: 'Mercadier', home: C.cazals, by: 'paul', consent: 'oral', trips: [
    { from: C.cazals, to: C.gourdon, days: [5], at: '09:00', back: '12:00', seats: 3, detour: 15 },
  ] },
  { firstName: 'Jacques', lastName: 'Teulière', home: C.lanzac, by: 'paul', consent: 'oral', trips: [
    { from: C.lanzac, to: C.souillac, days: [2, 4], at: '08:30', back: '12:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Valérie', lastName: 'Soulié', home: C.souillac, by: 'paul', consent: 'written', trips: [
    { from: C.souillac, to: C.martel, days: WEEK, at: '08:15', back: '17:15', seats: 2, detour: 5 },
    { from: C.souillac, to: C.cahors, days: [3], at: '07:30', back: '18:00', seats: 3, detour: 10, months: 3 },
  ] },
  { firstName: 'Laurent', lastName: 'Cassagnes', home: C.martel, by: 'paul', consent: 'oral', trips: [
    { from: C.martel, to: C.biars, days: WEEK, at: '07:45', back: '17:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Monique', lastName: 'Vidal', home: C.vayrac, by: 'coordination', consent: 'phone', trips: [
    { from: C.vayrac, to: C.saintCere, days: [2, 4], at: '09:15', back: '12:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Éric', lastName: 'Lagarrigue', home: C.gramat, by: 'coordination', consent: 'phone', trips: [
    { from: C.gramat, to: C.figeac, days: WEEK, at: '07:40', back: '17:30', seats: 3, detour: 10 },
    { from: C.gramat, to: C.cahors, days: [2], at: '08:00', back: '17:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Brigitte', lastName: 'Pons', home: C.alvignac, by: 'coordination', consent: 'phone', trips: [
    { from: C.alvignac, to: C.gramat, days: [3, 6], at: '09:00', back: '11:30', seats: 2, detour: 5 },
  ] },
  { firstName: 'Olivier', lastName: 'Bouyssou', home: C.coeurDeCausse, by: 'coordination', consent: 'phone', trips: [
    { from: C.coeurDeCausse, to: C.cahors, days: WEEK, at: '07:30', back: '18:00', seats: 3, detour: 10 },
  ] },
  { firstName: 'Annie', lastName: 'Vergnes', home: C.lalbenque, by: 'coordination', consent: 'phone', trips: [
    { from: C.lalbenque, to: C.cahors, days: WEEK, at: '07:45', back: '17:30', seats: 2, detour: 10 },
  ] },
  { firstName: 'Stéphane', lastName: 'Astruc', home: C.puyLEveque, by: 'coordination', consent: 'phone', trips: [
    { from: C.puyLEveque, to: C.cahors, days: [1, 3, 5], at: '07:30', back: '17:30', seats: 3, detour: 10 },
  ] },
  { firstName: 'Corinne', lastName: 'Garrigues', home: C.prayssac, by: 'coordination', consent: 'phone', trips: [
    { from: C.prayssac, to: C.cahors, days: [2, 4], at: '08:30', back: '12:30', seats: 3, detour: 15 },
  ] },
  { firstName: 'Julien', lastName: 'Castagné', home: C.catus, by: 'coordination', consent: 'phone', trips: [
    { from: C.catus, to: C.cahors, days: WEEK, at: '07:40', back: '17:20', seats: 2, detour: 5 },
  ] },
  { firstName: 'Mathieu', lastName: 'Rigal', home: C.montcuq, by: 'coordination', consent: 'phone', trips: [
    { from: C.montcuq, to: C.cahors, days: [2, 5], at: '08:00', back: '16:30', seats: 3, detour: 10 },
  ] },
  { firstName: 'Chantal', lastName: 'Lacam', home: C.cajarc, by: 'coordination', consent: 'phone', trips: [
    { from: C.cajarc, to: C.figeac, days: [1, 4], at: '08:30', back: '12:00', seats: 3, detour: 10 },
  ] },
];

export interface DemoPassenger {
  readonly firstName: string;
  readonly lastName: string;
  readonly home: string;
  readonly phone: 'mobile' | 'landline' | 'none';
  readonly by: Relay;
  readonly consent: Consent;
  readonly needs?: string;
}

// A table, one person or request a line: easier to read and review unformatted.
// prettier-ignore
export const PASSENGERS: readonly DemoPassenger[] = [
  { firstName: 'Germaine', lastName: 'Lavergne', home: C.cardaillac, phone: 'landline', by: 'sophie', consent: 'oral', needs: 'se déplace avec un déambulateur' },
  { firstName: 'Raymond', lastName: 'Delbos', home: C.aynac, phone: 'none', by: 'sophie', consent: 'oral', needs: 'malentendant : parler fort et face à lui' },
  { firstName: 'Yvette', lastName: 'Couderc', home: C.leyme, phone: 'landline', by: 'sophie', consent: 'written' },
  { firstName: 'Lucien', lastName: 'Lasfargues', home: C.latronquiere, phone: 'landline', by: 'sophie', consent: 'oral' },
  { firstName: 'Odette', lastName: 'Marcenac', home: C.bourg, phone: 'mobile', by: 'sophie', consent: 'oral' },
  { firstName: 'Inès', lastName: 'Benali', home: C.bagnac, phone: 'mobile', by: 'sophie', consent: 'sms' },
  { firstName: 'Lucas', lastName: 'Vialard', home: C.lacapelle, phone: 'mobile', by: 'sophie', consent: 'oral', needs: 'apprenti, 17 ans' },
  { firstName: 'Simone', lastName: 'Réveillac', home: C.themines, phone: 'landline', by: 'sophie', consent: 'oral' },
  { firstName: 'Paulette', lastName: 'Gaillard', home: C.salviac, phone: 'landline', by: 'paul', consent: 'oral', needs: "besoin d'aide pour monter en voiture" },
  { firstName: 'Marcel', lastName: 'Lagarde', home: C.payrac, phone: 'none', by: 'paul', consent: 'oral' },
  { firstName: 'Jeanne', lastName: 'Cabanes', home: C.saintGermain, phone: 'landline', by: 'paul', consent: 'written' },
  { firstName: 'Thomas', lastName: 'Lafarge', home: C.degagnac, phone: 'mobile', by: 'paul', consent: 'phone' },
  { firstName: 'Léa', lastName: 'Mouly', home: C.lanzac, phone: 'mobile', by: 'paul', consent: 'oral' },
  { firstName: 'Henri', lastName: 'Bouzou', home: C.cazals, phone: 'landline', by: 'paul', consent: 'oral' },
  { firstName: 'Fatima', lastName: 'El Amrani', home: C.pradines, phone: 'mobile', by: 'coordination', consent: 'phone' },
  { firstName: 'Josette', lastName: 'Teyssèdre', home: C.lalbenque, phone: 'landline', by: 'coordination', consent: 'phone' },
  { firstName: 'Roger', lastName: 'Cabrol', home: C.coeurDeCausse, phone: 'landline', by: 'coordination', consent: 'phone' },
  { firstName: 'Emma', lastName: 'Fournié', home: C.prayssac, phone: 'mobile', by: 'coordination', consent: 'sms' },
  { firstName: 'Suzanne', lastName: 'Bonnet', home: C.vayrac, phone: 'landline', by: 'coordination', consent: 'phone', needs: 'fauteuil pliable à mettre dans le coffre' },
  { firstName: 'Nathan', lastName: 'Issaly', home: C.gramat, phone: 'mobile', by: 'coordination', consent: 'sms' },
];

export interface DemoRequest {
  /** First name of a demo passenger. */
  readonly who: string;
  readonly from: string;
  readonly to: string;
  /** The next such ISO weekday after today, else `inDays` working days from today. */
  readonly weekday?: number;
  readonly inDays?: number;
  readonly earliest: string;
  readonly latest: string;
  readonly channel: 'sms' | 'phone' | 'relay';
  readonly by: Relay;
  readonly note?: string;
  /** Index in REQUESTS of the outbound leg. */
  readonly returnOf?: number;
  readonly cancelled?: boolean;
}

// A table, one person or request a line: easier to read and review unformatted.
// prettier-ignore
export const REQUESTS: readonly DemoRequest[] = [
  { who: 'Germaine', from: C.cardaillac, to: C.figeac, weekday: 2, earliest: '08:00', latest: '09:30', channel: 'relay', by: 'sophie', note: 'rendez-vous chez le kiné à 10h' },
  { who: 'Germaine', from: C.figeac, to: C.cardaillac, weekday: 2, earliest: '17:00', latest: '18:00', channel: 'relay', by: 'sophie', returnOf: 0 },
  { who: 'Raymond', from: C.aynac, to: C.saintCere, weekday: 3, earliest: '08:15', latest: '09:00', channel: 'relay', by: 'sophie', note: 'marché' },
  { who: 'Lucien', from: C.latronquiere, to: C.figeac, weekday: 5, earliest: '08:30', latest: '09:30', channel: 'relay', by: 'sophie', note: 'hôpital, consultation à 10h15' },
  { who: 'Paulette', from: C.salviac, to: C.gourdon, weekday: 4, earliest: '08:30', latest: '10:00', channel: 'relay', by: 'paul' },
  { who: 'Marcel', from: C.payrac, to: C.souillac, inDays: 1, earliest: '07:30', latest: '08:30', channel: 'relay', by: 'paul' },
  { who: 'Thomas', from: C.degagnac, to: C.gourdon, inDays: 1, earliest: '07:45', latest: '08:30', channel: 'phone', by: 'coordination' },
  { who: 'Léa', from: C.lanzac, to: C.souillac, inDays: 3, earliest: '08:00', latest: '09:00', channel: 'phone', by: 'paul', cancelled: true },
  { who: 'Fatima', from: C.pradines, to: C.cahors, inDays: 2, earliest: '13:00', latest: '18:00', channel: 'phone', by: 'coordination', note: 'après-midi, CAF' },
  { who: 'Josette', from: C.lalbenque, to: C.cahors, weekday: 5, earliest: '07:30', latest: '08:30', channel: 'phone', by: 'coordination' },
  { who: 'Nathan', from: C.gramat, to: C.figeac, inDays: 2, earliest: '07:00', latest: '08:00', channel: 'sms', by: 'coordination' },
  { who: 'Suzanne', from: C.vayrac, to: C.saintCere, weekday: 2, earliest: '09:00', latest: '10:00', channel: 'phone', by: 'coordination' },
];
