// Creating a record with the associations given in the request, as HubSpot does: the type ids must
// be HUBSPOT_DEFINED ones that start from this object type (else 400), and an association to a
// record that does not exist makes that input fail without creating anything.
import type { Link } from './association-index.ts';
import type { CrmStore } from './crm-store.ts';
import { singularOf, targetOfTypeId } from './object-types.ts';
import type { AssociationInput, CreateInput } from './request-schemas.ts';
import { SandboxError, type ChangeSource, type ObjectType, type StoredRecord } from './sandbox-types.ts';

interface PlannedLink {
  link: Link;
  primary: boolean;
  /** A parent-to-child type (13): the new record is the parent, so the link runs from the other company to it. */
  reverse?: boolean;
}

/** The link a planned association makes once the new record has its id. */
export function linkFor(p: PlannedLink, id: string): Link {
  return p.reverse ? { fromType: p.link.toType, fromId: p.link.toId, toType: p.link.fromType, toId: id } : { ...p.link, fromId: id };
}

/** The links an input asks for; throws 400 for a type id that does not fit. */
export function planLinks(type: ObjectType, id: string, associations: readonly AssociationInput[] = []): PlannedLink[] {
  return associations.flatMap((a) =>
    a.types.map((t) => {
      const target = targetOfTypeId(type, t.associationTypeId);
      if (!target || t.associationCategory !== 'HUBSPOT_DEFINED') {
        throw new SandboxError(400, 'VALIDATION_ERROR', `${t.associationCategory} association type ${t.associationTypeId} is not valid for ${singularOf(type)}.`);
      }
      return { link: { fromType: type, fromId: id, toType: target.to, toId: a.to.id }, primary: target.primary, reverse: target.parentLink === 'toChild' };
    }),
  );
}

/** The message of the first association whose target is missing; undefined when all exist. */
export function missingTarget(store: CrmStore, planned: readonly PlannedLink[]): string | undefined {
  const bad = planned.find((p) => !store.get(p.link.toType, p.link.toId));
  return bad && `Could not create association: object ${singularOf(bad.link.toType).toUpperCase()} ${bad.link.toId} does not exist.`;
}

/** Creates one record and its links; throws a SandboxError for invalid values or a missing target. */
export function createWithAssociations(store: CrmStore, type: ObjectType, input: CreateInput, source: ChangeSource): StoredRecord {
  // Values are validated before anything is written: a bad value fails the whole request.
  store.normalise(type, input.properties, {});
  const planned = planLinks(type, 'pending', input.associations);
  const missing = missingTarget(store, planned);
  if (missing) throw new SandboxError(400, 'VALIDATION_ERROR', missing);
  const record = store.create(type, input.properties, { source });
  for (const p of planned) store.link(linkFor(p, record.id), { source, primary: p.primary || undefined });
  return record;
}
