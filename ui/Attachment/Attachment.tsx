/**
 * A file in the conversation: a thumbnail that opens the picture for raster images, otherwise an
 * icon, the name and a download link. Files are fetched through short-lived signed links the app
 * resolves (`resolveUrl`), renewed shortly before they expire while a download link is on screen.
 * While our own upload runs it shows its progress. The name is text, never markup.
 */
import { useEffect, useState } from 'react';
import { formatFileSize, isInlineImage, type FileInfo } from '../../sdk/index.ts';
import './Attachment.css';

export interface FileLinkResolver {
  (fileId: string): Promise<{ url: string; expiresAt: number }>;
}

export interface AttachmentLabels {
  download: string;
  /** The accessible name of an image's link: `Open holiday.png`. */
  open: (name: string) => string;
  uploading: (percent: number) => string;
  /** The link could not be had (the file is gone, or the server unreachable). */
  unavailable: string;
}

export interface AttachmentProps {
  file: FileInfo;
  /** Bytes of our own upload sent so far; set while it runs. */
  uploaded?: number;
  pending?: boolean;
  resolveUrl?: FileLinkResolver;
  labels: AttachmentLabels;
  language: string;
  testId?: string;
}

/** A link is renewed this long before it expires, while it is on screen. */
const RENEW_EARLY_MS = 30_000;

function useFileLink(resolve: FileLinkResolver | undefined, fileId: string, renew: boolean) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!resolve || !fileId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      resolve(fileId).then(
        (link) => {
          if (!live) return;
          setUrl(link.url);
          setFailed(false);
          if (renew) timer = setTimeout(load, Math.max(5_000, link.expiresAt - Date.now() - RENEW_EARLY_MS));
        },
        () => {
          if (live) setFailed(true);
        },
      );
    };
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [resolve, fileId, renew]);
  return { url, failed };
}

function FileIcon() {
  return (
    <svg className="ui-file__icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
      <path
        fill="currentColor"
        d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2Zm7 1.5V9h5.5L13 3.5Z"
      />
    </svg>
  );
}

export function Attachment({
  file,
  uploaded,
  pending = false,
  resolveUrl,
  labels,
  language,
  testId,
}: AttachmentProps) {
  const image = isInlineImage(file.type);
  const stored = !pending && file.id !== '';
  const { url, failed } = useFileLink(stored ? resolveUrl : undefined, file.id, !image);
  const size = formatFileSize(file.size, language);
  const percent = file.size > 0 ? Math.min(100, Math.round(((uploaded ?? 0) / file.size) * 100)) : 0;

  return (
    <div
      className={`ui-file${image ? ' ui-file--image' : ''}`}
      data-testid={testId}
      data-file-type={file.type}
      data-file-id={file.id || undefined}
    >
      {image && stored && url ? (
        <a
          className="ui-file__preview"
          href={url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={labels.open(file.name)}
        >
          <img src={url} alt={file.name} loading="lazy" decoding="async" />
        </a>
      ) : image && stored && !failed ? (
        <span className="ui-file__preview ui-file__preview--loading" aria-hidden="true" />
      ) : (
        <FileIcon />
      )}
      <span className="ui-file__text">
        <span className="ui-file__name">{file.name}</span>
        <span className="ui-file__size">{size}</span>
        {pending ? (
          <span className="ui-file__progress">
            <progress max={100} value={percent} aria-label={labels.uploading(percent)} />
            <span aria-hidden="true">{labels.uploading(percent)}</span>
          </span>
        ) : failed ? (
          <span className="ui-file__unavailable">{labels.unavailable}</span>
        ) : !image && url ? (
          <a className="ui-file__download" href={url} download={file.name} rel="noopener noreferrer">
            {labels.download}
          </a>
        ) : null}
      </span>
    </div>
  );
}
