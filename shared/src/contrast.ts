// WCAG 2 contrast: the server adds the text colours to the widget config, so no client computes them.

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Text colour on a `#rrggbb` background: white or near-black, whichever contrasts more. */
export function inkOn(hex: string): string {
  const l = luminance(hex);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#fff' : '#111827';
}

/** The brand colour when it reads as text on white (AA, 4.5:1), else a dark grey that does. */
export function accentOnWhite(hex: string): string {
  return 1.05 / (luminance(hex) + 0.05) >= 4.5 ? hex : '#374151';
}
