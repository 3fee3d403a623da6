/** The audit log in Swedish words: actions, documents, fields of each kind and values. */
import { describe, expect, it } from 'vitest';
import {
  type AuditRow,
  auditActionName,
  auditDetailText,
  auditDocumentName,
  auditFieldName,
  auditValues,
  AUDIT_WORDS_SV as sv,
} from './auditNames';

const row = (document: string, field: string, subject: AuditRow['subject'] = null) => ({
  document,
  field,
  subject,
});

describe('audit names in Swedish', () => {
  it('names workflow steps, sign-ins and user administration in words, unknown codes as they are', () => {
    expect(auditActionName('submit', sv)).toBe('Skickade in rapporten');
    expect(auditActionName('approve', sv)).toBe('Godkände rapporten');
    expect(auditActionName('sign-in', sv)).toBe('Loggade in');
    expect(auditActionName('user-created', sv)).toBe('Skapade användaren');
    expect(auditActionName('something-new', sv)).toBe('something-new');
  });

  it('names documents by period and department', () => {
    expect(auditDocumentName('report:2015-06:hr', 'HR-avdelningen', sv)).toBe(
      'Rapport juni 2015 – HR-avdelningen',
    );
    expect(auditDocumentName('report:2015-T2:hr', undefined, sv)).toBe('Rapport delår 2015 – hr');
    expect(auditDocumentName('report:2015-VB:hr', 'HR', sv)).toBe('Rapport verksamhetsberättelse 2015 – HR');
    expect(auditDocumentName('plan:2015', undefined, sv)).toBe('Plan 2015');
    expect(auditDocumentName('boardSummary:2015-T1', undefined, sv)).toBe(
      'Styrelserapportens sammanfattning tertial 1 2015',
    );
    expect(auditFieldName(row('boardSummary:2015-06', 'summary'), sv)).toBe('Sammanfattning');
    expect(auditDocumentName('assignments:2016', undefined, sv)).toBe('Uppdrag 2016');
    expect(auditDocumentName('user:anna', undefined, sv)).toBe('Användare anna');
    expect(auditDocumentName(null, undefined, sv)).toBe('');
  });

  it('names report, assignment and plan fields with what they belong to', () => {
    const report = 'report:2015-06:hr';
    expect(
      auditFieldName(
        row(report, 'indicatorOutcomes/ind-1', { kind: 'indicator', title: 'Andel heltidsanställda' }),
        sv,
      ),
    ).toBe('Utfall – Andel heltidsanställda');
    expect(
      auditFieldName(row(report, 'itemStatuses/goal:g-1', { kind: 'goal', number: '6.1.4.1' }), sv),
    ).toBe('Status – Mål 6.1.4.1');
    expect(auditFieldName(row(report, 'analysis:goal:g-1', { kind: 'goal', number: '6.1.4.1' }), sv)).toBe(
      'Analys – Mål 6.1.4.1',
    );
    expect(
      auditFieldName(row(report, 'actions:initiative:i-1', { kind: 'initiative', number: '2.1' }), sv),
    ).toBe('Åtgärder – Aktivitet 2.1');
    expect(auditFieldName(row(report, 'budget/forecastTkr'), sv)).toBe('Prognos (tkr)');
    expect(auditFieldName(row(report, 'budget/outcomeToDateTkr'), sv)).toBe('Utfall hittills (tkr)');
    expect(
      auditFieldName(
        row('assignments:2015', 'assignments/a-3/status', { kind: 'assignment', title: 'Utred X' }),
        sv,
      ),
    ).toBe('Status – Uppdrag Utred X');
    expect(auditFieldName(row('plan:2015', 'meta/vision'), sv)).toBe('Vision');
    expect(auditFieldName(row('plan:2015', 'goals/g-1/title', { kind: 'goal', number: '6.1.4.1' }), sv)).toBe(
      'Rubrik – Mål 6.1.4.1',
    );
    expect(auditFieldName(row('plan:2015', 'weird/path'), sv)).toBe('weird/path');
  });

  it('gives values in words: statuses, Swedish numbers, none, and a text change summarised', () => {
    const base: AuditRow = {
      at: '2015-01-01T00:00:00Z',
      userId: null,
      userName: 'x',
      action: 'update',
      document: 'report:2015-06:hr',
      field: 'itemStatuses/initiative:i-1',
      subject: null,
      detail: '',
    };
    expect(auditValues({ ...base, change: 'set', oldValue: 'ej-paborjad', newValue: 'klar' }, sv)).toEqual({
      old: 'Ej påbörjad',
      new: 'Klar',
    });
    expect(auditValues({ ...base, change: 'set', oldValue: null, newValue: 1234.5 }, sv)).toEqual({
      old: '–',
      new: '1\u00a0234,5',
    });
    expect(auditValues({ ...base, change: 'text' }, sv)).toEqual({ old: '', new: 'Texten ändrad' });
    expect(auditValues({ ...base, change: 'many', fieldCount: 345 }, sv).new).toBe('345 fält på en gång');
  });

  it('gives the details of user and department administration in words', () => {
    expect(
      auditDetailText('user-changed', 'role: "avdelningschef" → "lasare"; departmentId: "it" → null', sv),
    ).toBe('Roll: Avdelningschef → Läsare; Avdelning: it → –');
    expect(auditDetailText('user-changed', 'disabled: false → true', sv)).toBe('Avstängd: Nej → Ja');
    expect(auditDetailText('user-created', 'avdelningschef it', sv)).toBe('Avdelningschef, it');
    expect(auditDetailText('sessions-revoked', '2 sessions', sv)).toBe('2 sessioner');
    expect(auditDetailText('return', 'Se över prognosen', sv)).toBe('Se över prognosen');
  });
});
