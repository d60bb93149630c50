import type { AttachmentInfo } from '@hilo/shared';
import { safeHttpUrl } from './safe-url';
import { formatBytes } from './timeline-labels';

/** Attachments by name, type and size; a link only when the file was kept and its URL is http(s). */
export function AttachmentList({ files }: { files: AttachmentInfo[] }) {
  if (files.length === 0) return null;
  return (
    <ul class="attachments" aria-label="Attachments">
      {files.map((file) => {
        const href = safeHttpUrl(file.url);
        const label = `${file.name} (${file.type}, ${formatBytes(file.size)})`;
        return (
          <li key={file.id}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {label}
              </a>
            ) : (
              label
            )}
          </li>
        );
      })}
    </ul>
  );
}
