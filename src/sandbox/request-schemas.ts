// The request bodies the sandbox accepts, as HubSpot's v3/v4 APIs define them. Ids may come as
// strings or numbers; property values are checked later against the portal's schema.
import { z } from 'zod';

const Id = z.union([z.string().min(1), z.number()]).transform(String);
const Values = z.record(z.string(), z.unknown());
const Names = z.array(z.string()).optional();

export const AssociationInputSchema = z.object({
  to: z.object({ id: Id }),
  types: z.array(z.object({ associationCategory: z.string(), associationTypeId: z.number().int() })).min(1),
});
export type AssociationInput = z.infer<typeof AssociationInputSchema>;

export const CreateInputSchema = z.object({
  properties: Values,
  associations: z.array(AssociationInputSchema).optional(),
  objectWriteTraceId: z.string().optional(),
});
export type CreateInput = z.infer<typeof CreateInputSchema>;

export const UpdateInputSchema = z.object({ properties: Values, objectWriteTraceId: z.string().optional() });

export const BatchReadSchema = z.object({
  inputs: z.array(z.object({ id: Id })),
  properties: Names,
  propertiesWithHistory: Names,
  idProperty: z.string().optional(),
});

export const BatchUpdateSchema = z.object({ inputs: z.array(UpdateInputSchema.extend({ id: Id })) });
export const BatchCreateSchema = z.object({ inputs: z.array(CreateInputSchema) });
export const BatchArchiveSchema = z.object({ inputs: z.array(z.object({ id: Id })) });

export const MergeSchema = z.object({ primaryObjectId: Id, objectIdToMerge: Id });

export const FilterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN']),
  value: z.union([z.string(), z.number(), z.boolean()]).transform(String).optional(),
  highValue: z.union([z.string(), z.number()]).transform(String).optional(),
  values: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
export type Filter = z.infer<typeof FilterSchema>;

const SortSchema = z.union([
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
  // The SDK types sorts as string[]: a property name, `-name` for descending.
  z.string().transform((s) => (s.startsWith('-') ? { propertyName: s.slice(1), direction: 'DESCENDING' as const } : { propertyName: s })),
]);

export const SearchSchema = z.object({
  filterGroups: z.array(z.object({ filters: z.array(FilterSchema) })).optional(),
  sorts: z.array(SortSchema).optional(),
  query: z.string().optional(),
  properties: Names,
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});
export type SearchRequest = z.infer<typeof SearchSchema>;

export const AssociationBatchReadSchema = z.object({ inputs: z.array(z.object({ id: Id, after: z.string().optional() })) });
