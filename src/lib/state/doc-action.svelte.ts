// A one-click change of a stored document (pause a trip, cancel a request): the document the
// factory prepared is written to the device, or the reason it was not is shown.
import type { SaveResult } from '$lib/db/prepare';
import type { Repository } from '$lib/db/repository';
import type { Person, RideRequest, Trip } from '$lib/domain/documents';

export class DocAction {
  busy = $state(false);
  problem = $state('');

  /** True when written; otherwise `problem` says why, in French. */
  async write<T extends Person | Trip | RideRequest>(
    repo: Repository,
    prepared: SaveResult<T>,
    failure: string,
  ): Promise<boolean> {
    this.problem = '';
    if (!prepared.ok) {
      this.problem = prepared.errors.map((e) => e.message).join(' ');
      return false;
    }
    this.busy = true;
    try {
      await repo.write([prepared.doc]);
      return true;
    } catch {
      this.problem = failure;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
