/**
 * Generates the demo site's media from its demo content, so no real photo is ever needed:
 * - media/personnes-<slug>.svg: the person's initials on a coloured disc;
 * - media/defis-<slug>.svg: an abstract pictogram per défi;
 * - media/medias-<slug>.svg: a plain wordmark per media tile of the home page;
 * - raster files the content expects (program.md, home and team "join" blocks), rendered
 *   with sharp from abstract SVGs and kept small (PNG/JPEG under ~30 kB).
 * Run: `npx tsx scripts/demo/generate-media.ts` (CONTENT_DIR/MEDIA_DIR are honoured).
 * Every file sits at the top of media/ (the back-office's media library lists only that level,
 * see the README). Existing files are overwritten; the output is committed with the demo content.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { siteConfig } from '../../src/lib/site-env.ts';
import { parseMarkdownFile } from '../../src/lib/content/frontmatter.ts';
import { slugFromFile } from '../../src/lib/content/slug.ts';

const { contentDir, mediaDir } = siteConfig();

/** Dark DSFR-like colours: white text on them stays readable. */
const PALETTE = ['#000091', '#6a6af4', '#1f8d49', '#b34000', '#a558a0', '#0063cb', '#715840', '#ce0500'];
const LIGHT = ['#e3e3fd', '#b8fec9', '#fee9e5', '#fee7fc', '#e8edff', '#f4e9dd', '#fddbfa', '#c3fad5'];

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
const pick = <T,>(list: readonly T[], key: string, salt = 0): T => list[(hash(key) + salt) % list.length]!;
const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function write(path: string, data: string | Buffer) {
  const full = join(mediaDir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
}

function entries(folder: string): { slug: string; data: Record<string, unknown> }[] {
  let names: string[];
  try { names = readdirSync(join(contentDir, folder)); } catch { return []; }
  return names
    .filter((n) => n.endsWith('.md') && !n.startsWith('_'))
    .map((n) => ({ slug: slugFromFile(n), data: parseMarkdownFile(readFileSync(join(contentDir, folder, n), 'utf8')).data }));
}

export function initials(name: string): string {
  const words = name.normalize('NFC').split(/[\s-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => [...w][0]!.toUpperCase()).join('');
}

export function portraitSvg(name: string): string {
  const bg = pick(PALETTE, name);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
  <rect width="200" height="200" fill="${pick(LIGHT, name)}"/>
  <circle cx="100" cy="100" r="80" fill="${bg}"/>
  <text x="100" y="100" dy=".35em" text-anchor="middle" font-family="Marianne, Arial, sans-serif" font-size="64" font-weight="700" fill="#fff">${escapeXml(initials(name))}</text>
</svg>
`;
}

/** An abstract pictogram: a few geometric shapes chosen from the slug. */
export function pictogramSvg(slug: string): string {
  const a = pick(PALETTE, slug);
  const b = pick(PALETTE, slug, 3);
  const bg = pick(LIGHT, slug);
  const shapes = [
    `<circle cx="100" cy="100" r="52" fill="${a}"/><rect x="100" y="100" width="56" height="56" rx="8" fill="${b}"/>`,
    `<polygon points="100,36 164,150 36,150" fill="${a}"/><circle cx="100" cy="118" r="22" fill="${bg}"/>`,
    `<rect x="44" y="44" width="112" height="112" rx="24" fill="${a}"/><circle cx="100" cy="100" r="30" fill="${b}"/>`,
    `<path d="M40 140 Q100 20 160 140 Z" fill="${a}"/><rect x="70" y="120" width="60" height="36" rx="6" fill="${b}"/>`,
  ];
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200">
  <rect width="200" height="200" rx="32" fill="${bg}"/>
  ${pick(shapes, slug)}
</svg>
`;
}

export function wordmarkSvg(title: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 80" width="240" height="80">
  <rect width="240" height="80" rx="8" fill="${pick(LIGHT, title)}"/>
  <text x="120" y="40" dy=".35em" text-anchor="middle" font-family="Marianne, Arial, sans-serif" font-size="20" font-weight="700" fill="${pick(PALETTE, title)}">${escapeXml(title)}</text>
</svg>
`;
}

/** A wide abstract scene (overlapping discs and bands) for hero and "join" images. */
function sceneSvg(seed: string, w: number, h: number): string {
  const discs = Array.from({ length: 7 }, (_, i) => {
    const k = hash(`${seed}${i}`);
    return `<circle cx="${k % w}" cy="${(k >> 8) % h}" r="${40 + ((k >> 16) % 90)}" fill="${PALETTE[(k >> 4) % PALETTE.length]}" fill-opacity=".55"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#e3e3fd"/><rect y="${h * 0.62}" width="${w}" height="${h * 0.38}" fill="#cacafb"/>${discs}</svg>`;
}

/** A neutral head-and-shoulders silhouette, for a quote without a real photo. */
function silhouetteSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200"><rect width="200" height="200" fill="#e5e5e5"/><circle cx="100" cy="78" r="38" fill="#929292"/><path d="M30 200 Q30 124 100 124 Q170 124 170 200 Z" fill="#929292"/></svg>`;
}

/** The phase pictograms of the programme page: 1, 2 or 3 rising bars. */
function phaseSvg(n: number): string {
  const bars = Array.from({ length: 3 }, (_, i) => `<rect x="${38 + i * 44}" y="${150 - (i + 1) * 34}" width="32" height="${(i + 1) * 34}" rx="6" fill="${i < n ? '#000091' : '#cacafb'}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200"><rect width="200" height="200" rx="40" fill="#f5f5fe"/>${bars}</svg>`;
}

/**
 * The candidates' page diagram: four numbered steps on a line (the text alternative is the alt
 * written in content, and the numbered list under it).
 */
function stepsSvg(): string {
  const labels = ['Postuler', 'Voter', 'Échanger', 'Entreprendre'];
  const steps = labels.map((label, i) => {
    const x = 120 + i * 240;
    return `<circle cx="${x}" cy="90" r="42" fill="${i % 2 ? '#e1000f' : '#000091'}"/><rect x="${x - 90}" y="160" width="180" height="44" rx="22" fill="#6a6af4"/>`
      + `<circle cx="${x - 66}" cy="182" r="16" fill="#000091"/><text x="${x - 66}" y="188" font-family="Arial, sans-serif" font-size="18" font-weight="700" fill="#fff" text-anchor="middle">${i + 1}</text>`
      + `<text x="${x + 10}" y="189" font-family="Arial, sans-serif" font-size="20" font-weight="700" fill="#000091" text-anchor="middle">${escapeXml(label.toUpperCase())}</text>`;
  }).join('');
  const links = [0, 1, 2].map((i) => `<line x1="${210 + i * 240}" y1="182" x2="${270 + i * 240}" y2="182" stroke="#000091" stroke-width="2"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 260" width="960" height="260"><rect width="960" height="260" fill="#e8edff"/>${links}${steps}</svg>\n`;
}

const png = (svg: string, size: number) => sharp(Buffer.from(svg)).resize(size, size).png({ palette: true, compressionLevel: 9 }).toBuffer();
const jpeg = (svg: string, w: number, h: number) => sharp(Buffer.from(svg)).resize(w, h).jpeg({ quality: 62, mozjpeg: true }).toBuffer();

async function main() {
  let count = 0;
  for (const p of entries('personnes')) { write(`personnes-${p.slug}.svg`, portraitSvg(String(p.data['title'] ?? p.slug))); count++; }
  for (const d of entries('defis')) { write(`defis-${d.slug}.svg`, pictogramSvg(d.slug)); count++; }
  const home = parseMarkdownFile(readFileSync(join(contentDir, '_index.md'), 'utf8')).data as { medias?: { tiles?: { title: string; image?: string }[] } };
  for (const t of home.medias?.tiles ?? []) {
    if (t.image?.endsWith('.svg')) { write(t.image.replace(/^\/?img\//, ''), wordmarkSvg(t.title)); count++; }
  }
  for (const n of [1, 2, 3]) { write(`phase${n}.png`, await png(phaseSvg(n), 160)); count++; }
  write('bootcamp9_auto_x2-1-.jpg', await jpeg(sceneSvg('programme', 1200, 800), 1200, 800));
  write('home-accueil.jpg', await jpeg(sceneSvg('accueil', 1600, 900), 1600, 900));
  write('demo-participer-etapes.svg', stepsSvg());
  write('home-rejoindre.jpg', await jpeg(sceneSvg('rejoindre', 1200, 675), 1200, 675));
  write('equipe-rejoindre.jpg', await jpeg(sceneSvg('equipe', 1200, 675), 1200, 675));
  write('marguerite-yourcenar3.jpg', await jpeg(silhouetteSvg(), 320, 320));
  count += 6;
  console.log(`${count} fichier(s) de démonstration écrits dans ${mediaDir}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
