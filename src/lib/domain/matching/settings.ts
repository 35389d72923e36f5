// Territory settings for matching. Defaults suit the Lot; docs/matching.md explains each.
import { MAX_SOLIDARITY_KM } from '../contribution/contribution';

export interface RankingWeights {
  /** Pickup close to the centre of the passenger's window. */
  readonly time: number;
  /** Small detour for the driver. */
  readonly detour: number;
  /** Drivers asked less often recently come first. */
  readonly fairness: number;
}

export interface MatchingSettings {
  /** Road km per straight-line km (rural roads: 1.3–1.4). */
  readonly roadFactor: number;
  /** Average driving speed, km/h. */
  readonly speedKmh: number;
  /** Longest passenger leg by road, km (never above the legal 100). */
  readonly maxPassengerRoadKm: number;
  /** Regular trips do not run on French public holidays (commutes, school runs). */
  readonly skipPublicHolidays: boolean;
  /** A pickup must be at least this many minutes after `now`. */
  readonly minLeadMinutes: number;
  /** How many candidates to return at most (one per driver). */
  readonly maxCandidates: number;
  readonly weights: RankingWeights;
  /** A detour of this many minutes scores 0 on the detour part (shorter ones score more). */
  readonly detourScaleMinutes: number;
  /** Largest detour a trip may accept (the trip schema says 60): bounds the index. */
  readonly maxAcceptedDetourMinutes: number;
  /** An ask counts half as much for fairness after this many days… */
  readonly fairnessHalfLifeDays: number;
  /** …and not at all after this many. */
  readonly fairnessWindowDays: number;
}

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = {
  roadFactor: 1.35,
  speedKmh: 60,
  maxPassengerRoadKm: MAX_SOLIDARITY_KM,
  skipPublicHolidays: true,
  minLeadMinutes: 15,
  maxCandidates: 10,
  weights: { time: 0.5, detour: 0.3, fairness: 0.2 },
  detourScaleMinutes: 20,
  maxAcceptedDetourMinutes: 60,
  fairnessHalfLifeDays: 7,
  fairnessWindowDays: 28,
};

/** Defaults overridden by a territory's choices; refuses values that would break matching. */
export function matchingSettings(overrides: Partial<MatchingSettings> = {}): MatchingSettings {
  const s: MatchingSettings = {
    ...DEFAULT_MATCHING_SETTINGS,
    ...overrides,
    weights: { ...DEFAULT_MATCHING_SETTINGS.weights, ...overrides.weights },
  };
  if (!(s.roadFactor >= 1 && s.roadFactor <= 3))
    throw new RangeError('Le facteur route doit être entre 1 et 3 (1,35 conseillé).');
  if (!(s.speedKmh >= 10 && s.speedKmh <= 130))
    throw new RangeError('La vitesse moyenne doit être entre 10 et 130 km/h.');
  if (!(s.maxPassengerRoadKm > 0 && s.maxPassengerRoadKm <= MAX_SOLIDARITY_KM))
    throw new RangeError('La distance maximale doit être entre 0 et 100 km (transport solidaire).');
  if (!(s.maxCandidates >= 1)) throw new RangeError('Au moins un candidat.');
  if (!(s.detourScaleMinutes > 0)) throw new RangeError("L'échelle de détour doit être positive.");
  if (!(s.fairnessHalfLifeDays > 0 && s.fairnessWindowDays > 0))
    throw new RangeError('Les durées de l’équité (demi-vie, fenêtre) doivent être positives.');
  return s;
}
