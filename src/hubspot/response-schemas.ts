// zod schemas for the parts of HubSpot's responses we rely on, applied to what the SDK returns.
// They also normalise wire quirks: v4 `toObjectId` arrives as a number although typed a string, and
// the SDK renames `from` to `_from`.
import { z } from 'zod';
import { PermanentError } from '../errors.ts';

const Id = z.union([z.string(), z.number()]).transform(String);

export const SimpleObjectSchema = z.object({
  id: Id,
  properties: z.record(z.string(), z.string().nullable()),
  objectWriteTraceId: z.string().optional(),
});

export const StandardErrorSchema = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.unknown().optional(),
  message: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});
export type StandardError = z.infer<typeof StandardErrorSchema>;

export const BatchObjectsSchema = z.object({
  results: z.array(SimpleObjectSchema),
  errors: z.array(StandardErrorSchema).optional(),
});

const NextAfter = z.object({ next: z.object({ after: z.string() }).optional() }).optional();

export const ObjectPageSchema = z.object({
  results: z.array(
    SimpleObjectSchema.extend({
      associations: z
        .record(z.string(), z.object({ results: z.array(z.object({ id: Id, type: z.string().optional() })), paging: NextAfter }))
        .optional(),
    }),
  ),
  paging: NextAfter,
});

export const AssociationBatchSchema = z.object({
  results: z.array(
    z.object({
      _from: z.object({ id: Id }),
      // associationTypes tells a parent from a child among company-to-company links (type ids 13 and 14).
      to: z.array(z.object({ toObjectId: Id, associationTypes: z.array(z.object({ typeId: z.number() })).optional() })),
      paging: NextAfter,
    }),
  ),
  errors: z.array(StandardErrorSchema).optional(),
});

export const PropertyGroupSchema = z.object({ name: z.string(), label: z.string(), displayOrder: z.number().optional() });
export const PropertyGroupListSchema = z.object({ results: z.array(PropertyGroupSchema) });

export const PropertySchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string().optional().default(''),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  options: z.array(z.object({ label: z.string(), value: z.string(), hidden: z.boolean().optional() })).optional().default([]),
});
export type HubSpotProperty = z.infer<typeof PropertySchema>;
export const PropertyListSchema = z.object({ results: z.array(PropertySchema) });
export const PropertyBatchSchema = z.object({ results: z.array(PropertySchema), errors: z.array(StandardErrorSchema).optional() });

/** Validates an SDK result; a shape we cannot rely on is not something a retry fixes. */
export function parseResponse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PermanentError(`unexpected ${what} response from HubSpot at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`);
  }
  return parsed.data;
}
