// Who leads each registration (DOMAIN.md, Lead and shadow): the top of each hierarchy leads, every
// server below it is its shadow (EC > ES > automation servers), a stand-alone server leads itself,
// and a relationship the user set up takes precedence over the hierarchy.
import { say } from '../messages/say.js';

export interface TreeNode {
  address: string;
  parentAddress: string | null;
}

export interface LeadInfo {
  leadAddress: string;
  role: 'lead' | 'shadow';
  relationship: 'own' | 'hierarchy' | 'user';
}

export function computeLeads(nodes: readonly TreeNode[], overrides: ReadonlyMap<string, string>): Map<string, LeadInfo> {
  const byAddress = new Map(nodes.map((n) => [n.address, n]));
  const topOf = (address: string): string => {
    let current = address;
    for (let hops = 0; hops < 16; hops++) {
      const parent = byAddress.get(current)?.parentAddress;
      if (!parent || !byAddress.has(parent)) return current;
      current = parent;
    }
    return current;
  };
  // Up the hierarchy to the top, then across any relationship the user set up there, and again.
  const resolve = (address: string): string => {
    let top = topOf(address);
    for (let hops = 0; hops < 16; hops++) {
      const next = overrides.get(top);
      if (!next || next === top || !byAddress.has(next)) break;
      top = topOf(next);
    }
    return top;
  };
  const result = new Map<string, LeadInfo>();
  for (const node of nodes) {
    const lead = resolve(node.address);
    const relationship = lead === node.address ? 'own' : lead === topOf(node.address) ? 'hierarchy' : 'user';
    result.set(node.address, { leadAddress: lead, role: lead === node.address ? 'lead' : 'shadow', relationship });
  }
  return result;
}

/** Checks a relationship before it is set: what makes it impossible, in words. */
export function leadChangeProblem(nodes: readonly TreeNode[], shadow: string, lead: string): string | null {
  const byAddress = new Map(nodes.map((n) => [n.address, n]));
  if (!byAddress.has(shadow)) return say('fields.leadNoServer', { address: shadow });
  if (!byAddress.has(lead)) return say('fields.leadNoServer', { address: lead });
  if (shadow === lead) return say('fields.leadSelf');
  if (byAddress.get(shadow)!.parentAddress) return say('fields.leadAttached');
  for (let p: string | null | undefined = lead; p; p = byAddress.get(p)?.parentAddress) {
    if (p === shadow) return say('fields.leadLoop');
  }
  return null;
}
