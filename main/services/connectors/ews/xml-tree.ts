// EWS answers as plain objects, parsed by saxes: a strict, standard-conforming XML parser that
// refuses malformed XML as it reads, at about a third of the cost of the parser used before
// (measured in bench/discovery). The tree keeps what SOAP answers need: element names without
// their namespace prefix, text of leaf elements, and arrays for the elements that repeat.
import { SaxesParser } from 'saxes';

export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export class XmlSyntaxError extends Error {}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/**
 * Parses `text` into an object tree. Elements named in `repeated` are always arrays; other
 * elements that occur twice become arrays too. A leaf element is its trimmed text ('' if empty).
 */
export function parseXmlTree(text: string, repeated: ReadonlySet<string>): XmlObject {
  const parser = new SaxesParser({ position: true });
  const root: XmlObject = {};
  const stack: { node: XmlObject; name: string; text: string; children: number }[] = [{ node: root, name: '', text: '', children: 0 }];
  parser.on('opentag', (tag) => {
    stack.at(-1)!.children++;
    stack.push({ node: {}, name: localName(tag.name), text: '', children: 0 });
  });
  parser.on('text', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => {
    const done = stack.pop()!;
    const parent = stack.at(-1)!.node;
    const value: XmlValue = done.children === 0 ? done.text.trim() : done.node;
    const existing = parent[done.name];
    // An element's own value is never an array, so an array here holds its earlier namesakes.
    if (existing === undefined) parent[done.name] = repeated.has(done.name) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[done.name] = [existing, value];
  });
  try {
    parser.write(text).close();
  } catch (error) {
    throw new XmlSyntaxError((error as Error).message.replace(/^undefined:/, 'line '));
  }
  return root;
}
