// XML for EWS, on both sides of the wire: escaping, and a namespace-aware element tree parsed by
// saxes (a strict, standard-conforming parser that refuses malformed XML as it reads). Elements
// are found by namespace and local name, never by prefix or position.
import { SaxesParser } from 'saxes';

/** Text as XML element content: the five special characters escaped. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export interface XmlElement {
  /** Namespace URI ('' for none). */
  ns: string;
  /** Local name, without prefix. */
  name: string;
  /** Unqualified attributes by local name. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (CDATA included), untrimmed. */
  text: string;
}

export class XmlSyntaxError extends Error {}

/** The most elements nested in one another that an answer may have: EWS answers need about ten. */
const MAX_DEPTH = 64;
/** The most elements in one document: far above a page of EWS items, far below what exhausts memory. */
const MAX_ELEMENTS = 100_000;

/** Parses a document and returns its root element; throws XmlSyntaxError on any error. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_DEPTH) throw new XmlSyntaxError(`elements nested deeper than ${MAX_DEPTH}`);
    if (++elements > MAX_ELEMENTS) throw new XmlSyntaxError(`more than ${MAX_ELEMENTS.toLocaleString('en')} elements`);
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) {
      const attr = tag.attributes[key]!;
      if (attr.uri === '') attrs[attr.local] = attr.value;
    }
    const element: XmlElement = { ns: tag.uri ?? '', name: tag.local ?? tag.name, attrs, children: [], text: '' };
    if (stack.length) stack.at(-1)!.children.push(element);
    else root = element;
    stack.push(element);
  });
  const addText = (t: string) => {
    if (stack.length) stack.at(-1)!.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => void stack.pop());
  parser.on('doctype', () => {
    // No DTDs: EWS never sends one, and entity tricks have no place here.
    throw new XmlSyntaxError('a DOCTYPE is not allowed');
  });
  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw error;
    throw new XmlSyntaxError((error as Error).message.replace(/^undefined:/, 'line '));
  }
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}

/** The children of `element` with this namespace and local name. */
export function childrenNamed(element: XmlElement | undefined, ns: string, name: string): XmlElement[] {
  if (!element) return [];
  const found: XmlElement[] = [];
  for (const c of element.children) if (c.ns === ns && c.name === name) found.push(c);
  return found;
}

/** The first child with this namespace and this local name (or the other spelling, where sources disagree). */
export function childNamed(element: XmlElement | undefined, ns: string, name: string, otherName?: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const c of element.children) if (c.ns === ns && (c.name === name || c.name === otherName)) return c;
  return undefined;
}

/** The text of a child exactly as sent, or undefined when there is no such child: for Ids, which keep every character. */
export function childRaw(element: XmlElement | undefined, ns: string, name: string): string | undefined {
  return childNamed(element, ns, name)?.text;
}

/** The text of a child (trimmed), or undefined when there is no such child. */
export function childText(element: XmlElement | undefined, ns: string, name: string): string | undefined {
  const child = childNamed(element, ns, name);
  return child ? child.text.trim() : undefined;
}
