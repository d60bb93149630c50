import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  title: string;
  /** The CSV download of this section's table. */
  csvHref: string;
  children: ComponentChildren;
}

/** A titled part of the Reports screen with its "Download CSV" link. */
export function ReportSection({ id, title, csvHref, children }: Props) {
  return (
    <section class="report-section" aria-labelledby={id}>
      <header class="report-section-head">
        <h3 id={id}>{title}</h3>
        <a class="button-link" href={csvHref} download aria-label={`Download ${title.toLowerCase()} as CSV`}>
          Download CSV
        </a>
      </header>
      {children}
    </section>
  );
}
