/**
 * The API key field of a panel that writes. Every such panel shares one key, typed once and kept
 * for the browser tab only (sessionStorage), so it is never written to disk by the page.
 */
import { byId } from './dom.js';

const KEY_STORAGE = 'dvg.apiKey';

export interface KeyField {
  /** The Authorization header for a write: the typed key, else the one kept for this tab. */
  headers(): { authorization: string };
  /** Keeps what was typed for the other panels of this tab. */
  remember(): void;
}

export function keyField(inputId: string): KeyField {
  const input = byId<HTMLInputElement>(inputId);
  input.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
  const typed = () => input.value.trim();
  return {
    headers: () => ({ authorization: `Bearer ${typed() || sessionStorage.getItem(KEY_STORAGE) || ''}` }),
    remember: () => {
      if (typed()) sessionStorage.setItem(KEY_STORAGE, typed());
    },
  };
}
