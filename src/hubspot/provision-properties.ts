// Makes a portal's property schema match the definitions it is given, idempotently: read what
// exists, create the missing groups and properties, patch a property whose label, description,
// group, type or options differ, leave equal ones alone. A second run makes no writes. The
// definitions come in as data (src/model/properties.ts); nothing here knows about scoring.
import type { PropertyDefinition } from '../model/properties.ts';
import type { PropertyAdmin, PropertyGroupInput, PropertyPatch } from './properties-api.ts';
import type { HubSpotProperty } from './response-schemas.ts';

export interface ProvisionSpec {
  objectType: string;
  /** Groups to ensure; may be empty when the properties use a HubSpot group (e.g. dealinformation). */
  groups: readonly PropertyGroupInput[];
  properties: readonly PropertyDefinition[];
}

export interface ProvisionResult {
  createdGroups: string[];
  createdProperties: string[];
  updatedProperties: string[];
  unchanged: string[];
}

const sameOptions = (want: PropertyDefinition['options'], have: HubSpotProperty['options']): boolean => {
  const w = want ?? [];
  return w.length === have.length && w.every((o, i) => o.value === have[i]?.value && o.label === have[i]?.label && !have[i]?.hidden);
};

/** The fields to patch so `have` matches `want`; null when it already does. */
export function propertyPatch(want: PropertyDefinition, have: HubSpotProperty): PropertyPatch | null {
  const patch: PropertyPatch = {};
  if (want.label !== have.label) patch.label = want.label;
  if (want.description !== have.description) patch.description = want.description;
  if (want.groupName !== have.groupName) patch.groupName = want.groupName;
  if (want.type !== have.type) patch.type = want.type;
  if (want.fieldType !== have.fieldType) patch.fieldType = want.fieldType;
  if (!sameOptions(want.options, have.options)) patch.options = [...(want.options ?? [])];
  return Object.keys(patch).length > 0 ? patch : null;
}

async function provisionOne(admin: PropertyAdmin, spec: ProvisionSpec, out: ProvisionResult): Promise<void> {
  if (spec.groups.length > 0) {
    const existing = new Set((await admin.listPropertyGroups(spec.objectType)).map((g) => g.name));
    for (const group of spec.groups.filter((g) => !existing.has(g.name))) {
      await admin.createPropertyGroup(spec.objectType, group);
      out.createdGroups.push(`${spec.objectType}/${group.name}`);
    }
  }
  const have = new Map((await admin.listProperties(spec.objectType)).map((p) => [p.name, p]));
  const missing = spec.properties.filter((p) => !have.has(p.name));
  if (missing.length > 0) {
    await admin.createProperties(spec.objectType, missing);
    out.createdProperties.push(...missing.map((p) => `${spec.objectType}/${p.name}`));
  }
  for (const want of spec.properties) {
    const existing = have.get(want.name);
    if (!existing) continue;
    const patch = propertyPatch(want, existing);
    if (patch) {
      await admin.updateProperty(spec.objectType, want.name, patch);
      out.updatedProperties.push(`${spec.objectType}/${want.name}`);
    } else {
      out.unchanged.push(`${spec.objectType}/${want.name}`);
    }
  }
}

export async function provisionProperties(admin: PropertyAdmin, specs: readonly ProvisionSpec[]): Promise<ProvisionResult> {
  const out: ProvisionResult = { createdGroups: [], createdProperties: [], updatedProperties: [], unchanged: [] };
  for (const spec of specs) await provisionOne(admin, spec, out);
  return out;
}
