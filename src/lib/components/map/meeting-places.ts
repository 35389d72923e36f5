// The meeting places imported by server/cli/meeting-places.ts, served beside the communes (and
// precached with them); none when no file was imported.
import type { MeetingPlace } from '$lib/domain/meeting-places';

export const MEETING_PLACES_URL = '/gazetteer/meeting-places.json';

export async function loadMeetingPlaces(): Promise<MeetingPlace[]> {
  try {
    const response = await fetch(MEETING_PLACES_URL);
    if (!response.ok) return [];
    const body = (await response.json()) as { places?: MeetingPlace[] };
    return Array.isArray(body.places) ? body.places : [];
  } catch {
    return [];
  }
}
