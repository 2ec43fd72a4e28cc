/**
 * How content images are displayed, so each gets files of the right size.
 *
 * `widths` are the candidate widths generated (never wider than the original image), `sizes` is
 * the `sizes` attribute telling the browser how wide the image is shown on screen (DSFR grid:
 * md = 48em, lg = 62em, xl = 78em, container ≈ 1200px), `display` is the default `width`
 * attribute (the height follows the real image ratio).
 */
export interface DisplayPreset {
  widths: readonly number[];
  sizes: string;
  display: number;
}

export const presets = {
  /** Large image at the top of a page, half the container on desktop, full width on mobile. */
  hero: { widths: [480, 768, 1024, 1440], sizes: '(min-width: 78em) 600px, (min-width: 62em) 50vw, 100vw', display: 800 },
  /** DSFR card image in a 1/2/3 column grid. */
  card: { widths: [320, 480, 640, 800], sizes: '(min-width: 78em) 384px, (min-width: 62em) 33vw, (min-width: 48em) 50vw, 100vw', display: 400 },
  /** A person's photo (person page, team lists). */
  portrait: { widths: [160, 240, 320, 480], sizes: '(min-width: 48em) 240px, 50vw', display: 240 },
  /** Small pictogram or icon (défi picto, phase icon); usually decorative (`alt=""`). */
  picto: { widths: [80, 160, 240], sizes: '80px', display: 80 },
  /** A partner or media logo in a tile. */
  logo: { widths: [160, 320], sizes: '160px', display: 160 },
  /** An image inside a text column (article body width). */
  content: { widths: [480, 800, 1200, 1600], sizes: '(min-width: 48em) 792px, 100vw', display: 800 },
} as const satisfies Record<string, DisplayPreset>;

export type PresetName = keyof typeof presets;

/**
 * The preset for a call without one: the caller's `width` at 1x and 2x, shown at that width at
 * most (full viewport width on smaller screens).
 */
export function fixedPreset(width: number): DisplayPreset {
  return { widths: [width, width * 2], sizes: `(max-width: ${width}px) 100vw, ${width}px`, display: width };
}
