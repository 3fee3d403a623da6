/**
 * "Import och export": assignments and indicator outcomes from CSV/XLSX in two steps. The file
 * is sent for a preview that judges every row (nothing is saved); the user then chooses "all
 * rows without errors" or "all or nothing" and confirms, and the server writes it. Uploads go
 * through XMLHttpRequest, the one browser API that reports upload progress, shown in a
 * <progress> element. The export links download CSV or XLSX straight from the server. Only the
 * kinds the user's role may import are offered; a läsare, who may import nothing, gets the
 * export alone.
 */
import { type ImportKind, type ImportPreview, importKindsFor } from '@foljsam/domain';
import { createSignal, For, type JSX, Show } from 'solid-js';
import { failureText, issueText } from '../components/import/issueText';
import { t } from '../i18n';
import { useWorkspace } from '../workspace';
import './import.css';
import { ScrollBox } from '../components/ScrollBox';

type Kind = ImportKind;
type Mode = 'valid' | 'all';
type Preview = ImportPreview;

/** Posts the file, reporting upload progress (0..1); resolves with the status and JSON body. */
function upload(
  url: string,
  file: File,
  onProgress: (share: number) => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      onProgress(1);
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      resolve({ status: request.status, body });
    };
    request.onerror = () => reject(new Error('network error'));
    request.send(file);
  });
}

const formatOf = (file: File): 'csv' | 'xlsx' => (file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
/** A Kolada refusal in the UI language by its code; the server's English words for an unknown one. */
function koladaErrorOf(body: unknown, status: number): string {
  const errors = t().import.kolada.errors;
  const code = body && typeof body === 'object' && 'code' in body ? String(body.code) : '';
  if (Object.hasOwn(errors, code)) return errors[code as keyof typeof errors];
  return body && typeof body === 'object' && 'error' in body ? String(body.error) : `HTTP ${status}`;
}

export function ImportScreen(): JSX.Element {
  const workspace = useWorkspace();
  const allowedKinds = () => importKindsFor(workspace.user.role);
  const [kind, setKind] = createSignal<Kind>(allowedKinds()[0] ?? 'indicator-outcomes');
  const [file, setFile] = createSignal<File | null>(null);
  const [mode, setMode] = createSignal<Mode>('valid');
  const [preview, setPreview] = createSignal<Preview | null>(null);
  const [busy, setBusy] = createSignal<'preview' | 'apply' | null>(null);
  const [progress, setProgress] = createSignal(0);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const url = (step: 'preview' | 'apply', chosen: File) => {
    const params = new URLSearchParams({ year: String(workspace.year), format: formatOf(chosen) });
    if (step === 'apply') params.set('mode', mode());
    return `/api/import/${kind()}/${step}?${params}`;
  };

  const reset = () => {
    setPreview(null);
    setMessage(null);
  };

  async function run(step: 'preview' | 'apply') {
    const chosen = file();
    if (!chosen) {
      setMessage({ kind: 'error', text: t().import.chooseFile });
      return;
    }
    setBusy(step);
    setProgress(0);
    setMessage(null);
    try {
      const { status, body } = await upload(url(step, chosen), chosen, setProgress);
      if (status !== 200) {
        setMessage({ kind: 'error', text: t().import.failed(failureText(body, status)) });
        return;
      }
      if (step === 'preview') setPreview(body as Preview);
      else {
        const result = body as { applied: number; skipped: number };
        setMessage({ kind: 'ok', text: t().import.applied(result.applied, result.skipped) });
        setPreview(null);
      }
    } catch (error) {
      setMessage({ kind: 'error', text: t().import.failed((error as Error).message) });
    } finally {
      setBusy(null);
    }
  }

  const exportKinds = ['assignments', 'indicator-values', 'budget'] as const;

  return (
    <div class="import">
      <h1 tabindex="-1">{allowedKinds().length > 0 ? t().import.heading : t().import.exportOnly}</h1>
      <Show when={allowedKinds().length > 0}>
        <p>{t().import.intro}</p>

        <section aria-labelledby="import-heading">
          <h2 id="import-heading">{t().import.importHeading}</h2>
          <form
            class="import__form"
            onSubmit={(event) => {
              event.preventDefault();
              void run('preview');
            }}
          >
            <label>
              {t().import.kind}{' '}
              <select
                value={kind()}
                onChange={(e) => {
                  setKind(e.currentTarget.value as Kind);
                  reset();
                }}
              >
                <For each={allowedKinds()}>
                  {(allowed) => <option value={allowed}>{t().import.kinds[allowed]}</option>}
                </For>
              </select>
            </label>
            <p class="import__hint">{t().import.columns[kind()]}</p>
            <label>
              {t().import.file}{' '}
              <input
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  reset();
                }}
              />
            </label>
            <button type="submit" class="button" disabled={busy() !== null}>
              {busy() === 'preview' ? t().import.uploading : t().import.preview}
            </button>
          </form>

          <Show when={busy()}>
            <label class="import__progress">
              {busy() === 'apply' ? t().import.applyProgress : t().import.uploadProgress}{' '}
              {/* Indeterminate (no value) once the upload is done and the server works on it. */}
              <Show when={progress() < 1} fallback={<progress />}>
                <progress max="1" value={progress()} />
              </Show>
            </label>
          </Show>

          <div role="status">
            <Show when={message()}>
              {(current) => (
                <p class={current().kind === 'error' ? 'form-error' : 'import__ok'}>{current().text}</p>
              )}
            </Show>
          </div>

          <Show when={preview()}>
            {(current) => (
              <section aria-labelledby="import-preview-heading" data-testid="import-preview">
                <h3 id="import-preview-heading">
                  {t().import.summary(current().total, current().valid, current().invalid)}
                </h3>
                <p>{t().import.nothingSaved}</p>
                <ScrollBox label={t().import.summary(current().total, current().valid, current().invalid)}>
                  <table class="import__table">
                    <thead>
                      <tr>
                        <th scope="col">{t().import.line}</th>
                        <th scope="col">{t().import.content}</th>
                        <th scope="col">{t().import.result}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().rows}>
                        {(row) => (
                          <tr
                            classList={{ 'import__row--error': row.errors.length > 0 }}
                            data-line={row.line}
                          >
                            <th scope="row">{row.line}</th>
                            <td>{Object.values(row.cells).filter(Boolean).join(' · ')}</td>
                            <td>
                              <Show
                                when={row.errors.length > 0}
                                fallback={
                                  <span>
                                    <span aria-hidden="true">✔ </span>
                                    {t().import.ok}
                                  </span>
                                }
                              >
                                <ul class="import__errors">
                                  <For each={row.errors}>
                                    {(error) => (
                                      <li>
                                        <span aria-hidden="true">✖ </span>
                                        <span class="visually-hidden">{t().import.error}: </span>
                                        <span data-issue={error.code}>{issueText(error)}</span>
                                      </li>
                                    )}
                                  </For>
                                </ul>
                              </Show>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollBox>
                <fieldset class="import__mode">
                  <legend>{t().import.mode}</legend>
                  <label>
                    <input
                      type="radio"
                      name="import-mode"
                      value="valid"
                      checked={mode() === 'valid'}
                      onChange={() => setMode('valid')}
                    />{' '}
                    {t().import.modeValid}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name="import-mode"
                      value="all"
                      checked={mode() === 'all'}
                      onChange={() => setMode('all')}
                    />{' '}
                    {t().import.modeAll}
                  </label>
                </fieldset>
                <button
                  type="button"
                  class="button button--primary"
                  disabled={busy() !== null}
                  onClick={() => void run('apply')}
                >
                  {busy() === 'apply' ? t().import.applying : t().import.apply}
                </button>
              </section>
            )}
          </Show>
        </section>
      </Show>

      <Show when={workspace.user.role === 'kommunchef' || workspace.user.role === 'admin'}>
        <KoladaSection year={workspace.year} />
      </Show>

      <section aria-labelledby="export-heading">
        <h2 id="export-heading">{t().import.exportHeading}</h2>
        <p>{t().import.exportIntro(workspace.year)}</p>
        <ul class="import__exports">
          <For each={exportKinds}>
            {(what) => (
              <li>
                <a
                  class="button"
                  href={`/api/export/${what}?year=${workspace.year}&format=csv`}
                  download={`${what}-${workspace.year}.csv`}
                >
                  {t().import.csv(t().import.exports[what])}
                </a>{' '}
                <a
                  class="button"
                  href={`/api/export/${what}?year=${workspace.year}&format=xlsx`}
                  download={`${what}-${workspace.year}.xlsx`}
                >
                  {t().import.xlsx(t().import.exports[what])}
                </a>
              </li>
            )}
          </For>
        </ul>
      </section>
    </div>
  );
}

/** Official yearly figures: a saved Kolada response, or a fetch when the server may reach Kolada. */
function KoladaSection(props: { year: number }): JSX.Element {
  const [file, setFile] = createSignal<File | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function send(step: 'import' | 'fetch') {
    const chosen = file();
    if (step === 'import' && !chosen) {
      setMessage({ kind: 'error', text: t().import.chooseFile });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const response = await fetch(`/api/kolada/${step}?year=${props.year}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: step === 'import' ? chosen : null,
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.status !== 200) {
        setMessage({ kind: 'error', text: t().import.failed(koladaErrorOf(body, response.status)) });
        return;
      }
      const result = body as { stored: number; ignored: number };
      setMessage({ kind: 'ok', text: t().import.kolada.stored(result.stored, result.ignored) });
    } catch (error) {
      setMessage({ kind: 'error', text: t().import.failed((error as Error).message) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="kolada-heading">
      <h2 id="kolada-heading">{t().import.kolada.heading}</h2>
      <p>{t().import.kolada.intro}</p>
      <div class="import__form">
        <label>
          {t().import.kolada.file}{' '}
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <div class="import__buttons">
          <button type="button" class="button" disabled={busy()} onClick={() => void send('import')}>
            {t().import.kolada.importFile}
          </button>{' '}
          <button type="button" class="button" disabled={busy()} onClick={() => void send('fetch')}>
            {t().import.kolada.fetch}
          </button>
        </div>
      </div>
      <div role="status">
        <Show when={message()}>
          {(current) => (
            <p class={current().kind === 'error' ? 'form-error' : 'import__ok'}>{current().text}</p>
          )}
        </Show>
      </div>
    </section>
  );
}
