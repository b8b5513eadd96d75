import type { PathKey } from './issues';

/**
 * Where in a JSON text a byte offset falls, as a field path, plus the `id` member of each
 * enclosing object seen so far: enough to name the control and field of a duplicate key or a
 * syntax error that the strict parser reports only by offset. A forgiving scan, for messages only.
 */
export interface Location {
  path: PathKey[];
  /** ids[k]: the `id` string of the container at path depth k, if it appeared before the offset. */
  ids: Array<string | undefined>;
}

interface Frame {
  array: boolean;
  key?: string;
  index: number;
  started: boolean;
  expectingKey: boolean;
  id?: string;
}

export function locateOffset(bytes: Uint8Array, byteOffset: number): Location {
  const text = Buffer.from(bytes.subarray(0, Math.min(byteOffset, bytes.length))).toString('utf8');
  const rest = Buffer.from(bytes.subarray(Math.min(byteOffset, bytes.length))).toString('utf8');
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      const value = decode(text.slice(i, end));
      if (top && !top.array && top.expectingKey) top.key = value;
      else if (top && !top.array && top.key === 'id' && stack.length > 0) top.id = value;
      if (top?.array) top.started = true;
      i = end - 1;
    } else if (c === '{' || c === '[') {
      if (top?.array) top.started = true;
      stack.push({ array: c === '[', index: 0, started: false, expectingKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',' && top) {
      if (top.array) top.index += 1;
      else {
        top.expectingKey = true;
        delete top.key;
      }
    } else if (c === ':' && top && !top.array) {
      top.expectingKey = false;
    } else if (top?.array && c !== undefined && !/\s/.test(c)) {
      top.started = true;
    }
  }
  // A duplicate key is reported at its opening quote: name the key itself.
  const top = stack[stack.length - 1];
  if (top && !top.array && top.expectingKey && rest.startsWith('"')) top.key = decode(rest.slice(0, stringEnd(rest, 0)));
  const path: PathKey[] = [];
  const ids: Array<string | undefined> = [];
  for (const f of stack) {
    ids.push(f.id);
    if (f.array && f.started) path.push(f.index);
    else if (!f.array && f.key !== undefined) path.push(f.key);
    else break;
  }
  return { path, ids };
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function stringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i += 1) {
    if (s[i] === '\\') i += 1;
    else if (s[i] === '"') return i + 1;
  }
  return s.length;
}

function decode(quoted: string): string {
  try {
    const v: unknown = JSON.parse(quoted);
    return typeof v === 'string' ? v : quoted;
  } catch {
    return quoted.replace(/^"|"$/g, '');
  }
}
