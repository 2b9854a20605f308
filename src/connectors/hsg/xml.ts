/**
 * Just enough XML for the Office of the Historian's files: flat records of simple elements,
 * read with patterns rather than a parser dependency. Every element the connector reads holds
 * text only (no nested markup), which these files keep to.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code.startsWith('#x') || code.startsWith('#X')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return ENTITIES[code] ?? whole;
  });
}

/** The whole of each <tag ...>...</tag> in the text (attributes and inner text). */
export function elements(text: string, tag: string): { attrs: Record<string, string>; inner: string }[] {
  const found: { attrs: Record<string, string>; inner: string }[] = [];
  const pattern = new RegExp(`<${tag}(\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  for (const m of text.matchAll(pattern)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = decode(a[2]!);
    found.push({ attrs, inner: m[2]! });
  }
  return found;
}

/** The text of the first <tag> in `inner`, whitespace folded; undefined when absent or empty. */
export function textOf(inner: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(inner);
  if (!m) return undefined;
  const text = decode(m[1]!.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
  return text.length > 0 ? text : undefined;
}

/** An attribute of the first <tag> in `inner`. */
export function attrOf(inner: string, tag: string, attr: string): string | undefined {
  const m = new RegExp(`<${tag}\\s[^>]*${attr}="([^"]*)"`).exec(inner);
  return m ? decode(m[1]!) : undefined;
}
