/**
 * The form for a new assignment. The id is made here (`ka-<year>-<random>`), so two people
 * creating assignments at once never collide. Invalid input is refused with a message per
 * field and nothing is written.
 */
import { addAssignment, type CouncilAssignment, InvalidChangeError, newAssignmentId } from '@foljsam/domain';
import { createSignal, createUniqueId, For, type JSX, onMount, Show } from 'solid-js';
import type * as Y from 'yjs';
import type { DepartmentSummary } from '../../api';
import { t } from '../../i18n';
import { dateError, textError } from './edits';

export interface CreateAssignmentFormProps {
  doc: Y.Doc;
  year: number;
  /** Every department; archived ones are not offered. */
  departments: readonly DepartmentSummary[];
  onCreated: (assignment: CouncilAssignment) => void;
  onCancel: () => void;
}

type FormField =
  | 'title'
  | 'description'
  | 'decisionRef'
  | 'startDate'
  | 'endDate'
  | 'departmentId'
  | 'responsiblePerson';

export function CreateAssignmentForm(props: CreateAssignmentFormProps): JSX.Element {
  const uid = createUniqueId();
  const id = (name: string) => `new-assignment-${name}-${uid}`;
  const [errors, setErrors] = createSignal<Partial<Record<FormField | 'form', string>>>({});
  const fields = () => t().assignments.fields;
  /** New work goes to active departments only (an archived one keeps its old assignments). */
  const activeDepartments = () => props.departments.filter((department) => !department.archived);
  let titleField: HTMLTextAreaElement | undefined;
  onMount(() => titleField?.focus());

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const value = (name: FormField) => String(data.get(name) ?? '');
    const title = value('title').trim();
    const startDate = value('startDate').trim();
    const endDate = value('endDate').trim();
    const departmentId = value('departmentId');
    const found: Partial<Record<FormField | 'form', string>> = {};
    const titleError = textError('title', title);
    if (titleError) found.title = titleError;
    for (const field of ['description', 'decisionRef', 'responsiblePerson'] as const) {
      const error = textError(field, value(field));
      if (error) found[field] = error;
    }
    // A malformed date is flagged on its own field; an end before the start on the end date.
    const startError = dateError(startDate, endDate, 'startDate');
    if (startError === t().assignments.errors.invalidDate) found.startDate = startError;
    const endError = dateError(startDate, endDate, 'endDate');
    if (endError) found.endDate = endError;
    if (departmentId !== '' && !activeDepartments().some((d) => d.id === departmentId)) {
      found.departmentId = t().assignments.errors.unknownDepartment;
    }
    if (Object.keys(found).length > 0) {
      setErrors(found);
      const first = Object.keys(found)[0];
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const assignment: CouncilAssignment = {
      id: newAssignmentId(props.year),
      title,
      description: value('description'),
      decisionRef: value('decisionRef'),
      startDate,
      endDate,
      departmentId: departmentId === '' ? null : departmentId,
      responsiblePerson: value('responsiblePerson'),
      status: 'ej-paborjad',
      progressNote: '',
    };
    try {
      addAssignment(props.doc, assignment);
    } catch (error) {
      if (!(error instanceof InvalidChangeError)) throw error;
      setErrors({ form: t().assignments.errors.rejected });
      return;
    }
    setErrors({});
    const defaults: Record<FormField, string> = {
      title: '',
      description: '',
      decisionRef: '',
      startDate: `${props.year}-01-01`,
      endDate: `${props.year}-12-31`,
      departmentId: '',
      responsiblePerson: '',
    };
    for (const [name, initial] of Object.entries(defaults)) {
      const control = form.elements.namedItem(name);
      if (
        control instanceof HTMLInputElement ||
        control instanceof HTMLTextAreaElement ||
        control instanceof HTMLSelectElement
      ) {
        control.value = initial;
      }
    }
    props.onCreated(assignment);
  };

  const errorFor = (field: FormField) => (
    <Show when={errors()[field]}>
      {(message) => (
        <p id={id(`${field}-error`)} class="board-field__error" data-testid={`new-${field}-error`}>
          <span aria-hidden="true">⚠ </span>
          {message()}
        </p>
      )}
    </Show>
  );
  const described = (field: FormField, hint?: string) =>
    [errors()[field] ? id(`${field}-error`) : null, hint ?? null].filter(Boolean).join(' ') || undefined;

  const textInput = (
    field: FormField,
    label: string,
    options: { required?: boolean; hint?: string; placeholder?: string; value?: string } = {},
  ) => (
    <div class="field board-form__field">
      <label for={id(field)}>{label}</label>
      <input
        id={id(field)}
        name={field}
        type="text"
        value={options.value ?? ''}
        placeholder={options.placeholder}
        aria-required={options.required ? 'true' : undefined}
        aria-invalid={errors()[field] ? 'true' : undefined}
        aria-describedby={described(field, options.hint)}
      />
      {errorFor(field)}
    </div>
  );

  return (
    <section class="board-form" aria-labelledby={id('heading')}>
      <h2 id={id('heading')}>{t().assignments.create.heading}</h2>
      <form onSubmit={onSubmit} noValidate data-testid="create-assignment-form">
        <Show when={errors().form}>
          <p class="form-error" role="alert">
            {errors().form}
          </p>
        </Show>
        <div class="board-form__grid">
          <div class="field board-form__field board-form__field--wide">
            <label for={id('title')}>{fields().title}</label>
            <textarea
              ref={titleField}
              id={id('title')}
              name="title"
              rows={2}
              aria-required="true"
              aria-invalid={errors().title ? 'true' : undefined}
              aria-describedby={described('title')}
            />
            {errorFor('title')}
          </div>
          <div class="field board-form__field board-form__field--wide">
            <label for={id('description')}>{fields().description}</label>
            <textarea
              id={id('description')}
              name="description"
              rows={3}
              aria-invalid={errors().description ? 'true' : undefined}
              aria-describedby={described('description')}
            />
            {errorFor('description')}
          </div>
          {textInput('decisionRef', fields().decisionRef, { placeholder: fields().decisionRefHint })}
          {textInput('startDate', fields().startDate, {
            value: `${props.year}-01-01`,
            hint: id('date-hint'),
          })}
          {textInput('endDate', fields().endDate, { value: `${props.year}-12-31`, hint: id('date-hint') })}
          <div class="field board-form__field">
            <label for={id('departmentId')}>{fields().department}</label>
            <select
              id={id('departmentId')}
              name="departmentId"
              aria-invalid={errors().departmentId ? 'true' : undefined}
              aria-describedby={described('departmentId')}
            >
              <option value="">{t().assignments.noDepartment}</option>
              <For each={activeDepartments()}>
                {(department) => <option value={department.id}>{department.name}</option>}
              </For>
            </select>
            {errorFor('departmentId')}
          </div>
          {textInput('responsiblePerson', fields().person)}
        </div>
        <p id={id('date-hint')} class="board-control__hint">
          {t().assignments.fields.dateHint}
        </p>
        <div class="board-form__actions">
          <button type="submit" class="button button--primary">
            {t().assignments.create.submit}
          </button>
          <button type="button" class="button" onClick={() => props.onCancel()}>
            {t().assignments.create.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
