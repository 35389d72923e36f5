// What a passenger gives the driver: a per-km rate on the road-distance estimate of the
// passenger's own leg, rounded to 10 cents. Volunteer solidarity transport caps the rate at the
// legal 0.32 €/km and the trip at 100 km; beyond either it is no longer solidarity transport.

/** Legal ceiling of the per-km contribution, in euros. */
export const LEGAL_MAX_EUROS_PER_KM = 0.32;
/** Longest passenger leg (road km) that is still solidarity transport. */
export const MAX_SOLIDARITY_KM = 100;
export const DEFAULT_EUROS_PER_KM = 0.1;

export interface ContributionSettings {
  /** Territory's rate, euros per road km, 0 to 0.32. */
  readonly eurosPerKm: number;
}

export const DEFAULT_CONTRIBUTION_SETTINGS: ContributionSettings = {
  eurosPerKm: DEFAULT_EUROS_PER_KM,
};

/** A territory setting that breaks the law or makes no sense. */
export class ContributionSettingError extends Error {
  override readonly name = 'ContributionSettingError';
}

/**
 * Checks a territory's rate and returns the settings; throws ContributionSettingError with a
 * French message for a rate above 0.32 €/km, negative or not a number. 0 is allowed (free rides).
 */
export function contributionSettings(eurosPerKm: number): ContributionSettings {
  if (typeof eurosPerKm !== 'number' || !Number.isFinite(eurosPerKm)) {
    throw new ContributionSettingError('Le tarif au kilomètre doit être un nombre (ex. : 0,10).');
  }
  if (eurosPerKm < 0) {
    throw new ContributionSettingError('Le tarif au kilomètre ne peut pas être négatif.');
  }
  if (eurosPerKm > LEGAL_MAX_EUROS_PER_KM + 1e-9) {
    throw new ContributionSettingError(
      `Le tarif au kilomètre ne peut pas dépasser 0,32 € (plafond légal du transport solidaire) : ${formatRate(eurosPerKm)} refusé.`,
    );
  }
  return { eurosPerKm };
}

export type ContributionResult =
  | { readonly ok: true; readonly cents: number; readonly roadKm: number }
  | {
      readonly ok: false;
      readonly reason: 'too-far' | 'bad-distance';
      readonly message: string;
      readonly roadKm: number;
    };

/**
 * The contribution for a passenger leg of `roadKm` (the road estimate, not the straight line), in
 * integer cents rounded to the nearest 10 cents (half up). Over 100 km: refused, with the reason.
 */
export function computeContribution(
  roadKm: number,
  settings: ContributionSettings = DEFAULT_CONTRIBUTION_SETTINGS,
): ContributionResult {
  const { eurosPerKm } = contributionSettings(settings.eurosPerKm);
  if (!Number.isFinite(roadKm) || roadKm < 0) {
    return { ok: false, reason: 'bad-distance', message: 'Distance inconnue.', roadKm };
  }
  if (roadKm > MAX_SOLIDARITY_KM) {
    return {
      ok: false,
      reason: 'too-far',
      message: `Trajet de ${Math.round(roadKm)} km : au-delà de 100 km, ce n'est plus du transport solidaire.`,
      roadKm,
    };
  }
  // Work in tenths of euros; the epsilon keeps 1.15 (float 1.1499999) rounding up like a person would.
  const tenths = Math.floor(roadKm * eurosPerKm * 10 + 0.5 + 1e-9);
  return { ok: true, cents: tenths * 10, roadKm };
}

function formatRate(eurosPerKm: number): string {
  return `${eurosPerKm.toFixed(2).replace('.', ',')} €/km`;
}
