/**
 * The documents of a timeline event (股权变更 的变更材料, 产业协议 的协议文本…), under the event on an enterprise's or
 * a parcel's timeline: each a download link with its size; an admin attaches more and deletes one (confirmed).
 * Readers see what the API lets them read (an energy manager only their own enterprise's events).
 */
import { EVENT_DOCUMENT_KINDS } from '@park/contracts';
import { useState } from 'react';
import { apiErrorText } from '../admin/admin-ui';
import { useI18n } from '../i18n/i18n-context';
import {
  documentAccept,
  documentSize,
  documentTooLarge,
  type AttachedDocument,
  type DocumentFiles,
} from './document-files';
import type { RecordEvent } from './records-api';

export const EVENT_DOCUMENT_ACCEPT = documentAccept(EVENT_DOCUMENT_KINDS);

/** Where an event's documents are: under its subject, as the API nests them. */
export function eventDocumentsPath(event: Pick<RecordEvent, 'id' | 'subjectType' | 'subjectId'>): string {
  const subject = event.subjectType === 'enterprise' ? 'enterprises' : 'parcels';
  return `/api/${subject}/${encodeURIComponent(event.subjectId)}/events/${encodeURIComponent(event.id)}/documents`;
}

/** What the timeline needs to show and handle events' documents. */
export interface EventDocumentAccess {
  readonly files: DocumentFiles;
  /** Attach and delete (the admin). */
  readonly canEdit: boolean;
}

export function EventDocuments({ event, access }: { event: RecordEvent; access: EventDocumentAccess }) {
  const { t, language } = useI18n();
  const [documents, setDocuments] = useState<readonly AttachedDocument[]>(event.documents);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const path = eventDocumentsPath(event);

  const attempt = async (work: () => Promise<void>) => {
    setProblem(null);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setProblem(apiErrorText(error, t, 'eventDocuments.failed'));
    } finally {
      setBusy(false);
    }
  };
  const attach = (file: File | undefined) => {
    if (!file) return;
    if (documentTooLarge(file)) {
      setProblem(t('eventDocuments.tooLarge'));
      return;
    }
    void attempt(async () => {
      const added = await access.files.upload(path, file);
      setDocuments((list) => [...list, added]);
    });
  };
  const remove = (d: AttachedDocument) => {
    if (!window.confirm(t('eventDocuments.confirmDelete', { filename: d.filename }))) return;
    void attempt(async () => {
      await access.files.remove(path, d);
      setDocuments((list) => list.filter((x) => x.id !== d.id));
    });
  };

  if (documents.length === 0 && !access.canEdit) return null;
  return (
    <div className="event-documents" aria-label={t('eventDocuments.attachments')} role="group">
      {documents.length > 0 && (
        <ul className="event-documents__list">
          {documents.map((d) => {
            const size = documentSize(d.size, language);
            return (
              <li key={d.id} className="event-documents__item" data-document={d.id}>
                <button
                  type="button"
                  className="button button--link"
                  title={t('eventDocuments.download', { filename: d.filename, size })}
                  onClick={() => void attempt(() => access.files.save(path, d))}
                >
                  {d.filename}
                </button>
                <span className="records__muted">（{size}）</span>
                {access.canEdit && (
                  <button
                    type="button"
                    className="button button--link event-documents__delete"
                    aria-label={t('eventDocuments.deleteLabel', { filename: d.filename })}
                    disabled={busy}
                    onClick={() => remove(d)}
                  >
                    {t('eventDocuments.delete')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {access.canEdit && (
        <label className="button event-documents__attach" title={t('eventDocuments.hint')}>
          {busy ? t('eventDocuments.uploading') : t('eventDocuments.attach')}
          <input
            className="visually-hidden"
            type="file"
            accept={EVENT_DOCUMENT_ACCEPT}
            disabled={busy}
            onChange={(e) => {
              attach(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      )}
      {problem && (
        <p className="records-edit__note records-edit__note--error event-documents__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
