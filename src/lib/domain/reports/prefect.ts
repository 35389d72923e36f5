// The yearly report volunteer solidarity transport owes the prefect: how many drivers and
// beneficiaries, how many trips, and their average distance.
import { frenchDecimal, toCsv } from './csv';
import { ridesDone, type ReportRide, type RoadKm } from './rides';

export interface PrefectReport {
  readonly year: number;
  readonly drivers: number;
  readonly beneficiaries: number;
  readonly trips: number;
  /** Road km of a passenger's leg, on average; 0 with no trip. */
  readonly averageKm: number;
  readonly totalKm: number;
}

export function prefectReport(
  rides: readonly ReportRide[],
  year: number,
  roadKm: RoadKm,
): PrefectReport {
  const done = ridesDone(rides, `${year}-01-01`, `${year}-12-31`);
  const totalKm = done.reduce((km, r) => km + roadKm(r.pickupInsee, r.dropoffInsee), 0);
  return {
    year,
    drivers: new Set(done.map((r) => r.driverId)).size,
    beneficiaries: new Set(done.map((r) => r.passengerId)).size,
    trips: done.length,
    averageKm: done.length === 0 ? 0 : totalKm / done.length,
    totalKm,
  };
}

export function prefectReportCsv(report: PrefectReport): string {
  return toCsv([
    [
      'annee',
      'conducteurs',
      'beneficiaires',
      'trajets',
      'distance_moyenne_km',
      'distance_totale_km',
    ],
    [
      report.year,
      report.drivers,
      report.beneficiaries,
      report.trips,
      frenchDecimal(report.averageKm),
      frenchDecimal(report.totalKm),
    ],
  ]);
}
