// Autosave of a form being filled: kept on the device as it is typed, restored when the form
// opens again (after a closed tab, a reload, or a new version of the app), dropped once saved.
import { systemClock } from '$lib/clock';
import { deleteDraft, readDraft, writeDraft } from '$lib/db/device';

export class FormDraft<T extends object> {
  /** True when the form was filled from a saved draft. */
  restored = $state(false);
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The form as it opened, empty: an untouched form is no draft. */
  private pristine: string | null = null;

  constructor(
    private readonly user: string,
    private readonly key: string,
  ) {}

  /** Copies a saved draft into `values` (a $state object); false when there is none. */
  async restoreInto(values: T): Promise<boolean> {
    this.pristine = JSON.stringify(values);
    const saved = await readDraft<Partial<T>>(this.user, this.key).catch(() => null);
    if (!saved) return false;
    Object.assign(values, saved);
    this.restored = true;
    return true;
  }

  /** Defaults filled in after opening (a home commune) do not make a draft either. */
  setPristine(values: T): void {
    this.pristine = JSON.stringify(values);
  }

  save(values: T): void {
    if (this.timer) clearTimeout(this.timer);
    const json = JSON.stringify(values);
    this.timer = setTimeout(() => {
      if (json === this.pristine) void deleteDraft(this.user, this.key);
      else void writeDraft(this.user, this.key, JSON.parse(json), systemClock.now());
    }, 300);
  }

  async discard(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.restored = false;
    await deleteDraft(this.user, this.key);
  }
}
