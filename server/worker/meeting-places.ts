// The carpooling places `npm run meeting-places` wrote for the server, read once at start (an
// import is followed by a restart, like the gazetteer). None when no file was imported.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MeetingPlace } from '../../src/lib/domain/meeting-places';
import { projectRoot } from '../config';

export const MEETING_PLACES_DATA = join(projectRoot, 'data', 'meeting-places.json');

export function readMeetingPlaces(path = MEETING_PLACES_DATA): MeetingPlace[] {
  if (!existsSync(path)) return [];
  const body = JSON.parse(readFileSync(path, 'utf8')) as { places?: unknown };
  if (!Array.isArray(body.places)) throw new Error(`${path} : liste « places » attendue`);
  return body.places as MeetingPlace[];
}
