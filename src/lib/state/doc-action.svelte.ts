// A one-click change of a stored document (pause a trip, cancel a request): the document the
// factory prepared is written to the device, or the reason it was not is shown.
import type { SaveResult } from '$lib/db/prepare';
import type { Repository } from '$lib/db/repository';
import type { Person, RideRequest, Trip } from '$lib/domain/documents';

export class DocAction {
  busy = $state(false);
  problem = $state('');

  /** True when written (several together: a request and its return); else `problem` says why. */
  async write<T extends Person | Trip | RideRequest>(
    repo: Repository,
    prepared: SaveResult<T> | readonly SaveResult<T>[],
    failure: string,
  ): Promise<boolean> {
    this.problem = '';
    // Array.isArray does not narrow a readonly array type: say which one it is.
    const all: readonly SaveResult<T>[] = Array.isArray(prepared)
      ? (prepared as readonly SaveResult<T>[])
      : [prepared as SaveResult<T>];
    const docs: T[] = [];
    for (const one of all) {
      if (!one.ok) {
        this.problem = one.errors.map((e) => e.message).join(' ');
        return false;
      }
      docs.push(one.doc);
    }
    this.busy = true;
    try {
      await repo.write(docs);
      return true;
    } catch {
      this.problem = failure;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
