// Papers for one person: a carpooling attestation over a period (for an employer's
// sustainable-mobility allowance), and a driver's yearly mileage statement with the figures a tax
// receipt needs when the driver gives up their contributions to the association.
import { frenchDecimal, toCsv } from './csv';
import { ridesDone, type ReportRide, type RoadKm } from './rides';

export interface AttestationLine {
  readonly date: string;
  readonly role: 'conducteur' | 'passager';
  readonly fromInsee: string;
  readonly toInsee: string;
  readonly km: number;
  readonly contributionCents: number;
}

export interface Attestation {
  readonly personId: string;
  readonly from: string;
  readonly to: string;
  readonly lines: readonly AttestationLine[];
  readonly rides: number;
  readonly km: number;
  /** Paid as a passenger, received as a driver. */
  readonly paidCents: number;
  readonly receivedCents: number;
}

export function attestation(
  rides: readonly ReportRide[],
  personId: string,
  from: string,
  to: string,
  roadKm: RoadKm,
): Attestation {
  const lines = ridesDone(rides, from, to)
    .filter((r) => r.driverId === personId || r.passengerId === personId)
    .map((r): AttestationLine => ({
      date: r.date,
      role: r.driverId === personId ? 'conducteur' : 'passager',
      fromInsee: r.pickupInsee,
      toInsee: r.dropoffInsee,
      km: roadKm(r.pickupInsee, r.dropoffInsee),
      contributionCents: r.contributionCents,
    }));
  const sum = (role: AttestationLine['role']) =>
    lines.filter((l) => l.role === role).reduce((c, l) => c + l.contributionCents, 0);
  return {
    personId,
    from,
    to,
    lines,
    rides: lines.length,
    km: lines.reduce((km, l) => km + l.km, 0),
    paidCents: sum('passager'),
    receivedCents: sum('conducteur'),
  };
}

export interface MileageStatement {
  readonly driverId: string;
  readonly year: number;
  readonly rides: number;
  /** Road km driven with a passenger (a leg carried twice counts twice). */
  readonly km: number;
  readonly contributionsCents: number;
  /**
   * For a driver who gives up their contributions to the association: the volunteer mileage
   * allowance the receipt states (km × the territory's rate), in cents; null otherwise.
   */
  readonly receiptCents: number | null;
}

export function mileageStatements(
  rides: readonly ReportRide[],
  year: number,
  roadKm: RoadKm,
  options: { readonly volunteerCentsPerKm: number; readonly waivedDriverIds: ReadonlySet<string> },
): MileageStatement[] {
  const perDriver = new Map<string, { rides: number; km: number; cents: number }>();
  for (const r of ridesDone(rides, `${year}-01-01`, `${year}-12-31`)) {
    const row = perDriver.get(r.driverId) ?? { rides: 0, km: 0, cents: 0 };
    row.rides += 1;
    row.km += roadKm(r.pickupInsee, r.dropoffInsee);
    row.cents += r.contributionCents;
    perDriver.set(r.driverId, row);
  }
  return [...perDriver]
    .map(([driverId, row]) => ({
      driverId,
      year,
      rides: row.rides,
      km: row.km,
      contributionsCents: row.cents,
      receiptCents: options.waivedDriverIds.has(driverId)
        ? Math.round(row.km * options.volunteerCentsPerKm)
        : null,
    }))
    .sort((a, b) => a.driverId.localeCompare(b.driverId));
}

export function mileageCsv(
  statements: readonly MileageStatement[],
  nameOf: (id: string) => string,
): string {
  const euros = (cents: number) => frenchDecimal(cents / 100, 2);
  return toCsv([
    ['annee', 'conducteur', 'trajets', 'km', 'participations_recues_eur', 'recu_fiscal_eur'],
    ...statements.map((s) => [
      s.year,
      nameOf(s.driverId),
      s.rides,
      frenchDecimal(s.km),
      euros(s.contributionsCents),
      s.receiptCents === null ? null : euros(s.receiptCents),
    ]),
  ]);
}
