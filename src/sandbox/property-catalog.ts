// A portal's property schema: groups and properties per object type, HubSpot's standard ones from
// the start. Creating a duplicate is a 409 (OBJECT_ALREADY_EXISTS), a property needs an existing
// group, and names follow HubSpot's rules (lower case, < 100 characters, no `hs_` prefix).
import { z } from 'zod';
import { OBJECT_TYPES, SandboxError, type ObjectType } from './sandbox-types.ts';
import { standardGroups, standardProperties, type SandboxGroup, type SandboxProperty } from './standard-properties.ts';

const OptionSchema = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

export const PropertyCreateSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(99)
    .regex(/^[a-z][a-z0-9_]*$/, 'must be lower case letters, digits and underscores')
    .refine((n) => !n.startsWith('hs_'), 'the hs_ prefix is reserved for HubSpot properties'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.enum(['text', 'textarea', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'date', 'file', 'phonenumber', 'html', 'calculation_equation']),
  groupName: z.string().min(1),
  description: z.string().optional(),
  options: z.array(OptionSchema).optional(),
  displayOrder: z.number().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
  dataSensitivity: z.string().optional(),
});
export type PropertyCreate = z.infer<typeof PropertyCreateSchema>;

export const PropertyUpdateSchema = PropertyCreateSchema.omit({ name: true }).partial();
export type PropertyUpdate = z.infer<typeof PropertyUpdateSchema>;

export const GroupCreateSchema = z.object({ name: z.string().min(1).max(99).regex(/^[a-z][a-z0-9_]*$/), label: z.string().min(1), displayOrder: z.number().optional() });
export const GroupUpdateSchema = GroupCreateSchema.omit({ name: true }).partial();

const options = (input: PropertyCreate['options'], type: string) =>
  type === 'bool' && !input?.length
    ? [{ label: 'Yes', value: 'true', displayOrder: 0, hidden: false }, { label: 'No', value: 'false', displayOrder: 1, hidden: false }]
    : (input ?? []).map((o, i) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false }));

export class PropertyCatalog {
  private readonly properties = new Map<ObjectType, Map<string, SandboxProperty>>();
  private readonly groups = new Map<ObjectType, Map<string, SandboxGroup>>();

  constructor(private readonly now: () => number) {
    for (const type of OBJECT_TYPES) {
      this.properties.set(type, new Map(standardProperties(type).map((p) => [p.name, p])));
      this.groups.set(type, new Map(standardGroups(type).map((g) => [g.name, g])));
    }
  }

  private props(type: ObjectType): Map<string, SandboxProperty> {
    return this.properties.get(type) as Map<string, SandboxProperty>;
  }

  private groupsOf(type: ObjectType): Map<string, SandboxGroup> {
    return this.groups.get(type) as Map<string, SandboxGroup>;
  }

  get(type: ObjectType, name: string): SandboxProperty | undefined {
    const p = this.props(type).get(name);
    return p && !p.archived ? p : undefined;
  }

  list(type: ObjectType): SandboxProperty[] {
    return [...this.props(type).values()].filter((p) => !p.archived);
  }

  create(type: ObjectType, input: PropertyCreate): SandboxProperty {
    if (this.props(type).has(input.name)) throw new SandboxError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`);
    if (!this.groupsOf(type).has(input.groupName)) throw new SandboxError(400, 'VALIDATION_ERROR', `Property group '${input.groupName}' does not exist.`);
    if (input.type === 'enumeration' && !input.options?.length) throw new SandboxError(400, 'VALIDATION_ERROR', `Property '${input.name}' of type enumeration needs options.`);
    const at = new Date(this.now()).toISOString();
    const property: SandboxProperty = {
      updatedAt: at, createdAt: at, name: input.name, label: input.label, type: input.type, fieldType: input.fieldType,
      description: input.description ?? '', groupName: input.groupName, options: options(input.options, input.type),
      displayOrder: input.displayOrder ?? -1, calculated: false, externalOptions: false, archived: false,
      hasUniqueValue: input.hasUniqueValue ?? false, hidden: input.hidden ?? false,
      modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
      formField: input.formField ?? false, dataSensitivity: input.dataSensitivity ?? 'non_sensitive',
    };
    this.props(type).set(property.name, property);
    return property;
  }

  update(type: ObjectType, name: string, patch: PropertyUpdate): SandboxProperty {
    const current = this.get(type, name);
    if (!current) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name} for object type ${type}`);
    if (current.modificationMetadata.readOnlyDefinition) throw new SandboxError(400, 'VALIDATION_ERROR', `Property '${name}' is HubSpot-defined; its definition cannot be changed.`);
    if (patch.groupName && !this.groupsOf(type).has(patch.groupName)) throw new SandboxError(400, 'VALIDATION_ERROR', `Property group '${patch.groupName}' does not exist.`);
    const { options: optionInput, ...rest } = patch;
    const next: SandboxProperty = { ...current, ...rest, updatedAt: new Date(this.now()).toISOString() };
    if (optionInput) next.options = options(optionInput, next.type);
    this.props(type).set(name, next);
    return next;
  }

  archive(type: ObjectType, name: string): void {
    const current = this.get(type, name);
    if (!current) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `Unable to find property ${name} for object type ${type}`);
    if (!current.modificationMetadata.archivable) throw new SandboxError(400, 'VALIDATION_ERROR', `Property '${name}' cannot be archived.`);
    this.props(type).set(name, { ...current, archived: true });
  }

  listGroups(type: ObjectType): SandboxGroup[] {
    return [...this.groupsOf(type).values()].filter((g) => !g.archived);
  }

  getGroup(type: ObjectType, name: string): SandboxGroup | undefined {
    return this.groupsOf(type).get(name);
  }

  createGroup(type: ObjectType, input: z.infer<typeof GroupCreateSchema>): SandboxGroup {
    if (this.groupsOf(type).has(input.name)) throw new SandboxError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`);
    const group: SandboxGroup = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
    this.groupsOf(type).set(group.name, group);
    return group;
  }

  updateGroup(type: ObjectType, name: string, patch: z.infer<typeof GroupUpdateSchema>): SandboxGroup {
    const current = this.groupsOf(type).get(name);
    if (!current) throw new SandboxError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${name} for object type ${type}`);
    const next = { ...current, ...patch };
    this.groupsOf(type).set(name, next);
    return next;
  }
}
