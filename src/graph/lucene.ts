/** Full-text (Lucene) queries over the names the graph indexes: every value from a request is escaped. */

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** `text` with Lucene's special characters escaped, to be matched literally. */
export function escapeLucene(text: string): string {
  return text.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
}

/** The full-text query for normalized text: the whole key as a phrase (boosted), or any word. */
export function luceneQuery(key: string): string {
  const words = key.split(' ').filter(Boolean);
  const terms = words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `(${escapeLucene(w)} OR ${escapeLucene(w)}*)` : escapeLucene(w)));
  return `nameKeys:"${escapeLucene(key)}"^10 OR ${terms.join(' OR ')}`;
}
