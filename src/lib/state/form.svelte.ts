// What the forms share: values kept as a draft while typed and restored when the form opens again,
// defaults known only later (a person's home commune), errors by field with the focus on the first
// one, and the save (written locally first, the draft dropped, then the next page).
// Create a FormController while a component initialises: it registers its effects there.
import { onMount, tick } from 'svelte';
import { goto } from '$app/navigation';
import type { ResolvedPathname } from '$app/types';
import type { FieldErrors } from '$lib/db/forms';
import type { Person, RideRequest, Trip } from '$lib/domain/documents';
import { activeWorkspace } from './active-workspace.svelte';
import { FormDraft } from './draft.svelte';
import type { Workspace } from './workspace.svelte';

export type NewDoc = Person | Trip | RideRequest;

/** The documents to write, or what is wrong with the form, field by field. */
export type Prepared = { ok: true; docs: readonly NewDoc[] } | { ok: false; errors: FieldErrors };

/** The fields of `T` that hold text (bound to text inputs and commune pickers). */
export type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

export interface FormSpec<T extends object> {
  /** Where the draft is kept, e.g. "person:new" (read again if it changes). */
  draftKey: () => string;
  /** The empty form (also after "Effacer le brouillon"). */
  blank: () => T;
  /** Validates the values and builds the documents to write. */
  prepare: (values: T, ws: Workspace) => Prepared;
  /** The page to open once saved. */
  saved: (docs: readonly NewDoc[]) => ResolvedPathname;
}

/** Moves the focus to the first field marked invalid (after the errors are rendered). */
export async function focusFirstInvalid(): Promise<void> {
  await tick();
  document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export class FormController<T extends object> {
  private readonly spec: FormSpec<T>;
  readonly ws = $derived(activeWorkspace());
  values: T = $state() as T;
  errors = $state<FieldErrors>({});
  busy = $state(false);
  ready = $state(false);
  /** Defaults are filled once a form opens or is emptied, unless a draft came back. */
  private prefilled = $state(false);
  readonly draft: FormDraft<T> | null;

  constructor(spec: FormSpec<T>) {
    this.spec = spec;
    this.draft = $derived(this.ws ? new FormDraft<T>(this.ws.user.name, spec.draftKey()) : null);
    this.values = spec.blank();
    onMount(async () => {
      await this.draft?.restoreInto(this.values);
      this.ready = true;
    });
    $effect(() => {
      if (this.ready && this.draft) this.draft.save(this.values);
    });
  }

  get hasErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /**
   * Empty fields take `defaults()` once it is known (not undefined), unless a draft was restored.
   * Such defaults are no draft: the form still counts as untouched.
   */
  prefill(defaults: () => Partial<T> | undefined): void {
    $effect(() => {
      if (!this.ready || this.prefilled) return;
      const patch = defaults();
      if (!patch) return;
      this.prefilled = true;
      if (this.draft?.restored) return;
      const values = this.values as Record<string, unknown>;
      const empty = Object.entries(patch).filter(([key]) => values[key] === '');
      if (empty.length === 0) return;
      for (const [key, value] of empty) values[key] = value;
      this.draft?.setPristine(this.values);
    });
  }

  discard = async (): Promise<void> => {
    await this.draft?.discard();
    this.values = this.spec.blank();
    this.errors = {};
    this.prefilled = false;
  };

  submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const ws = this.ws;
    if (!ws) return;
    const prepared = this.spec.prepare(this.values, ws);
    if (!prepared.ok) {
      this.errors = prepared.errors;
      await focusFirstInvalid();
      return;
    }
    this.errors = {};
    this.busy = true;
    try {
      await ws.repo.write(prepared.docs);
    } catch (err) {
      // An edit over a revision that changed meanwhile (pulled from the server) is a conflict.
      console.error('form: could not write', err);
      this.errors = {
        form: "L'enregistrement a échoué : la fiche a peut-être changé entre-temps. Rechargez la page et recommencez.",
      };
      this.busy = false;
      return;
    }
    await this.draft?.discard();
    this.busy = false;
    await goto(this.spec.saved(prepared.docs));
  };
}
